package cn.fazhi.annualreport.notification.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP forwarder that freezes the conversation at one point of the protocol, as a node's death would, and then
 * drops every connection: before the end of the message reaches the server, after the server accepted the message
 * but before its 250 reaches the client, or after the client sent QUIT but before the server's 221 reaches it.
 */
final class StallingSmtpProxy implements AutoCloseable {

    /** Where the conversation freezes. */
    enum Stall {
        /** The client is sending the message; the server never gets its end: nothing delivered. */
        BEFORE_END_OF_DATA,
        /** The server has the whole message and answered 250; the client never hears it: delivered, in doubt. */
        BEFORE_250_FOR_DATA,
        /** The client said QUIT after the 250; the server's 221 never reaches it: delivered, known. */
        BEFORE_221_FOR_QUIT,
        /** Everything passes until {@link #freeze()}; from then on as {@link #BEFORE_END_OF_DATA}, for every connection. */
        BEFORE_END_OF_DATA_ONCE_FROZEN
    }

    private final ServerSocket server;
    private final int targetPort;
    private final Stall stall;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final Semaphore held = new Semaphore(0);
    private volatile boolean triggered;
    private volatile boolean frozen;

    StallingSmtpProxy(int targetPort, Stall stall) {
        this.targetPort = targetPort;
        this.stall = stall;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "stalling-smtp-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits until the conversation is frozen at its point (the test's guard against a hang, not a timing). */
    boolean awaitStalled() throws InterruptedException {
        return stalled.await(60, TimeUnit.SECONDS);
    }

    /** From now on no message's end reaches the server. */
    void freeze() {
        frozen = true;
    }

    /** Waits until this many conversations are held before the end of their message (a guard, not a timing). */
    boolean awaitHeld(int conversations) throws InterruptedException {
        return held.tryAcquire(conversations, 60, TimeUnit.SECONDS);
    }

    /** The node's death as the network sees it: every connection dropped both ways, nothing more forwarded. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pump(client, target, true);
                pump(target, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            StringBuilder tail = new StringBuilder();
            boolean inData = false;
            boolean holding = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    if (fromClient) {
                        tail.append((char) b);
                        if (tail.length() > 16) {
                            tail.delete(0, tail.length() - 16);
                        }
                        String seen = tail.toString();
                        if (inData && (holding || stall == Stall.BEFORE_END_OF_DATA
                                || stall == Stall.BEFORE_END_OF_DATA_ONCE_FROZEN && frozen)) {
                            if (!holding) {
                                holding = true;
                                stalled.countDown(); // the message's bytes stop here
                                held.release();
                            }
                            continue;
                        }
                        if (seen.endsWith("\r\nDATA\r\n")) {
                            inData = true;
                        } else if (inData && seen.endsWith("\r\n.\r\n")) {
                            inData = false;
                            triggered |= stall == Stall.BEFORE_250_FOR_DATA;
                        } else if (seen.endsWith("\r\nQUIT\r\n") || seen.equals("QUIT\r\n")) {
                            triggered |= stall == Stall.BEFORE_221_FOR_QUIT;
                        }
                    } else if (triggered) {
                        stalled.countDown(); // the server answered; the client does not hear it
                        continue;
                    }
                    out.write(b);
                    out.flush();
                }
            } catch (IOException e) {
                // dropped
            }
        }, "stalling-smtp-proxy-" + (fromClient ? "client" : "server"));
        thread.setDaemon(true);
        thread.start();
    }
}
