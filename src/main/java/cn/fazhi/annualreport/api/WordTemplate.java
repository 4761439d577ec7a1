package cn.fazhi.annualreport.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A Word document (.docx) written once, by Apache POI, with placeholders ({@link #placeholder}) where its texts go,
 * and filled for each download by replacing them in its XML: the same document POI would write, at a fraction of the
 * CPU and memory (POI's XML objects cost about 3 ms for a cover letter, and half a minute for a table of 22,000
 * rows). A table row holding {@link #ROW_PREFIX row placeholders} is repeated once per row of data.
 */
public final class WordTemplate {

    /** Placeholders of the repeated table row are named {@code ROW.…}, e.g. {@code ⟦ROW.NAME⟧}. */
    public static final String ROW_PREFIX = "ROW.";
    private static final Pattern PLACEHOLDER = Pattern.compile("⟦([A-Z.]+)⟧");
    private static final Pattern CREATED = Pattern.compile("(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)");

    private final List<String> names;
    private final List<byte[]> contents;

    private WordTemplate(List<String> names, List<byte[]> contents) {
        this.names = names;
        this.contents = contents;
    }

    /** Where the text of that name goes: a run's whole text, or part of it. */
    public static String placeholder(String name) {
        return "⟦" + name + "⟧";
    }

    /** The template of a document POI wrote. */
    public static WordTemplate of(byte[] docx) {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                contents.add(zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a Word template", e);
        }
        return new WordTemplate(List.copyOf(names), List.copyOf(contents));
    }

    /**
     * The document with every placeholder replaced by its value ({@linkplain #escape XML-escaped}; a value that holds
     * a placeholder stays as it is), the repeated row once per map of {@code rows}, its entries dated {@code time}
     * and its creation date set to {@code created}.
     */
    public byte[] fill(Map<String, String> values, List<Map<String, String>> rows, LocalDateTime time,
                       Instant created) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.size(); i++) {
                ZipEntry entry = new ZipEntry(names.get(i));
                entry.setTimeLocal(time);
                zip.putNextEntry(entry);
                String name = names.get(i);
                if (name.endsWith(".xml")) {
                    String xml = new String(contents.get(i), StandardCharsets.UTF_8);
                    xml = CREATED.matcher(xml).replaceFirst("$1" + created.truncatedTo(ChronoUnit.SECONDS) + "$2");
                    zip.write(replace(repeatRow(xml, rows), values).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(contents.get(i));
                }
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a Word document", e);
        }
    }

    /** The table row ({@code <w:tr>}) that holds the row placeholders, once per row, filled. */
    private static String repeatRow(String xml, List<Map<String, String>> rows) {
        int at = xml.indexOf(placeholder(ROW_PREFIX).replace("⟧", ""));
        if (at < 0) {
            return xml;
        }
        int start = Math.max(xml.lastIndexOf("<w:tr>", at), xml.lastIndexOf("<w:tr ", at));
        int end = xml.indexOf("</w:tr>", at) + "</w:tr>".length();
        if (start < 0 || end < at) {
            throw new IllegalStateException("A Word template's row placeholders are not in a table row");
        }
        String row = xml.substring(start, end);
        StringBuilder out = new StringBuilder(xml.length() + rows.size() * (row.length() + 64));
        out.append(xml, 0, start);
        for (Map<String, String> values : rows) {
            out.append(replace(row, values));
        }
        return out.append(xml, end, xml.length()).toString();
    }

    /** One pass over the text: values are not searched for placeholders; unknown placeholders stay. */
    private static String replace(String xml, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The text as XML character data: {@code & < > "} escaped; the placeholder brackets written as character
     * references, so that no later pass takes a text for a placeholder; characters that XML 1.0 cannot hold (control
     * characters pasted into a name, U+FFFE, U+FFFF, a lone surrogate) left out.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '⟦' -> out.append("&#x27E6;");
                case '⟧' -> out.append("&#x27E7;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c == '\t' || c == '\n' || c == '\r'
                            || c >= 0x20 && c < 0xFFFE && !Character.isSurrogate(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
