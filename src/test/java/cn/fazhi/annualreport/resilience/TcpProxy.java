package cn.fazhi.annualreport.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder between the application and its database, on a fixed local port, that a test switches off — every
 * live connection closed, new ones refused, as when the database server or the network to it goes down — and on
 * again; or turns into a black hole — connections stay open and new ones are accepted, but nothing gets through either
 * way and nobody is told, as when a firewall or a broken route drops the packets — and back.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile boolean dropping;

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        on();
    }

    /** The local port the application connects to instead of the database's. */
    int port() {
        return port;
    }

    /** Connections accepted so far (the pool opening new ones after an outage shows here). */
    int accepted() {
        return accepted.get();
    }

    /** Accepts and forwards connections again, on the same port. */
    synchronized void on() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " again", e);
        }
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The database "goes away": new connections are refused, and every live one is cut. */
    synchronized void off() {
        if (server == null) {
            return;
        }
        quietlyClose(server);
        server = null;
        live.forEach(TcpProxy::quietlyClose);
        live.clear();
    }

    /** The network between the application and the database silently drops everything, in both directions. */
    void blackHole() {
        dropping = true;
    }

    /** Bytes are forwarded again (what was dropped stays lost: those connections are broken for their owners). */
    void restore() {
        dropping = false;
    }

    @Override
    public void close() {
        off();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // switched off
            }
            accepted.incrementAndGet();
            Socket upstream;
            try {
                upstream = new Socket(targetHost, targetPort);
            } catch (IOException e) {
                quietlyClose(client);
                continue;
            }
            live.add(client);
            live.add(upstream);
            if (listening.isClosed()) { // switched off while connecting
                quietlyClose(client);
                quietlyClose(upstream);
                return;
            }
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!dropping) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // cut: by off(), or by either side closing
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                live.remove(from);
                live.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
