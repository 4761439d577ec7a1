package cn.fazhi.annualreport.publication;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The column's Atom feed (RFC 4287) of the latest publications, written by an XML writer — every text escaped, never
 * markup: title, link, id, author, published and updated (UTC), a text summary (文号 and the opening) and the text.
 */
final class AtomFeed {

    static final String NS = "http://www.w3.org/2005/Atom";
    static final String MEDIA_TYPE = "application/atom+xml";
    private static final int SUMMARY_LENGTH = 200;

    private AtomFeed() {
    }

    static String write(List<PublishedReports.Entry> entries, PublicSite site, Instant ifEmpty) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(NS);
            xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "zh-CN");
            text(xml, "title", PublicReportsController.COLUMN_TITLE);
            text(xml, "subtitle", "各报告单位依《法治政府建设与责任落实督察工作规定》第二十四条公开的年度报告");
            link(xml, "self", MEDIA_TYPE, site.feed().toString());
            link(xml, "alternate", "text/html", site.column().toString());
            text(xml, "id", site.column().toString());
            Instant updated = entries.isEmpty() ? ifEmpty : entries.get(0).publishedAt().toInstant();
            text(xml, "updated", utc(updated));
            xml.writeStartElement("author");
            text(xml, "name", PublicReportsController.COLUMN_TITLE);
            xml.writeEndElement();
            for (PublishedReports.Entry e : entries) {
                String page = site.reportPage(e.entityCode(), e.year()).toString();
                xml.writeStartElement("entry");
                typed(xml, "title", e.title());
                link(xml, "alternate", "text/html", page);
                text(xml, "id", page);
                text(xml, "published", utc(e.publishedAt().toInstant()));
                text(xml, "updated", utc(e.publishedAt().toInstant()));
                xml.writeStartElement("author");
                text(xml, "name", e.entityName());
                xml.writeEndElement();
                typed(xml, "summary", summary(e));
                typed(xml, "content", e.text() == null ? "" : e.text());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the Atom feed", e);
        }
        return out.toString();
    }

    private static String summary(PublishedReports.Entry e) {
        StringBuilder s = new StringBuilder();
        if (e.documentNumber() != null) {
            s.append("文号：").append(e.documentNumber()).append("。");
        }
        String opening = ReportText.blocks(e.text(), e.title()).stream().map(ReportText.Block::text)
                .reduce((a, b) -> a + " " + b).orElse("");
        s.append(opening.length() > SUMMARY_LENGTH ? opening.substring(0, SUMMARY_LENGTH) + "……" : opening);
        return s.toString();
    }

    /** RFC 3339 in UTC, whole seconds: 2026-03-01T02:00:00Z. */
    static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(clean(value));
        xml.writeEndElement();
    }

    private static void typed(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", "text");
        xml.writeCharacters(clean(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    /** XML 1.0 allows no control characters but tab, line feed and carriage return: drop the others. */
    static String clean(String value) {
        return value == null ? "" : value.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }
}
