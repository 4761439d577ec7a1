package cn.fazhi.annualreport.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of an OFD document (GB/T 33190, the format of China's e-government documents, 版式文件): a ZIP with
 * {@code OFD.xml} whose pages ({@code Doc_N/Pages/Page_M/Content.xml}) hold the text as {@code TextObject}s of
 * {@code TextCode}s; read page by page, one line per text object. A sealed scan has no text objects: its text is empty.
 */
final class OfdText {

    private static final Pattern PAGE = Pattern.compile("(?:^|/)Doc_(\\d+)/Pages/Page_(\\d+)/Content\\.xml$");
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();
    /** The pages' XML of one document, unpacked, at most (a report's pages take a few megabytes). */
    private static final int MAX_UNPACKED = 64 * 1024 * 1024;

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private OfdText() {
    }

    /** Whether the ZIP's entries make an OFD document (an OFD.xml at its root). */
    static boolean isOfd(List<String> entries) {
        return entries.contains("OFD.xml");
    }

    static String text(byte[] content, String name) {
        record Page(int doc, int page, byte[] xml) {
        }
        List<Page> pages = new ArrayList<>();
        long unpacked = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Matcher m = PAGE.matcher(entry.getName());
                if (m.find()) {
                    byte[] xml = zip.readNBytes(MAX_UNPACKED + 1);
                    unpacked += xml.length;
                    if (unpacked > MAX_UNPACKED) {
                        throw unreadable(name); // a ZIP bomb, not a report
                    }
                    pages.add(new Page(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), xml));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(name);
        }
        pages.sort(Comparator.comparingInt(Page::doc).thenComparingInt(Page::page));
        StringBuilder text = new StringBuilder();
        for (Page page : pages) {
            text.append(pageText(page.xml(), name));
        }
        return text.toString();
    }

    /** One line per TextObject: the text of its TextCode elements, in order. */
    private static String pageText(byte[] xml, String name) {
        StringBuilder out = new StringBuilder();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            boolean inCode = false;
            StringBuilder line = new StringBuilder();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT && "TextCode".equals(reader.getLocalName())) {
                    inCode = true;
                } else if (event == XMLStreamConstants.END_ELEMENT && "TextCode".equals(reader.getLocalName())) {
                    inCode = false;
                } else if (event == XMLStreamConstants.END_ELEMENT && "TextObject".equals(reader.getLocalName())) {
                    if (!line.isEmpty()) {
                        out.append(line).append('\n');
                        line.setLength(0);
                    }
                } else if (inCode && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    line.append(reader.getText());
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw unreadable(name);
        }
        return out.toString();
    }

    private static UnsupportedDocumentException unreadable(String name) {
        return new UnsupportedDocumentException("无法读取 OFD 文件" + name + "（已损坏）",
                "Cannot read the OFD document " + name + " (damaged)");
    }
}
