package cn.fazhi.annualreport.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The labelled evaluation set: the real reports and openings of ../shared/reports and variants derived from them. */
final class EvaluationSet {

    /** The shared folder sits beside the repository (in CI and on the development machine). */
    static final Path REPORTS = Path.of("../shared/reports");
    static final double[] CUTS = {0.15, 0.35, 0.55, 0.75, 0.9, 0.97};

    /**
     * One text to check.
     *
     * @param source    the file it comes from
     * @param variant   original, traditional, pinyin, headings-removed, reordered, truncated-NN
     * @param text      the text
     * @param expected  item number → labelled present; items left out are not scored (see {@link #truncated})
     * @param truncated whether the text was cut: it must never be complete
     * @param reportCase the case the report belongs to
     */
    record Case(String source, String variant, String text, Map<Integer, Boolean> expected, boolean truncated,
                ReportCase reportCase) {

        String name() {
            return source + " [" + variant + "]";
        }
    }

    /** A labelled source text. */
    private record Labelled(String file, String text, ReportCase reportCase, Map<Integer, Boolean> present,
                            Map<Integer, Integer> lines, boolean whole) {
    }

    private EvaluationSet() {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Labelled l : labelled()) {
            cases.add(new Case(l.file(), "original", l.text(), l.present(), false, l.reportCase()));
            cases.add(new Case(l.file(), "traditional", traditional(l.text()), l.present(), false, l.reportCase()));
            cases.add(new Case(l.file(), "pinyin", pinyin(traditional(l.text())), l.present(), false,
                    l.reportCase()));
            if (!l.whole()) {
                continue;
            }
            cases.add(new Case(l.file(), "headings-removed", headingsRemoved(l.text()), l.present(), false,
                    l.reportCase()));
            cases.add(new Case(l.file(), "reordered", reordered(l.text()), l.present(), false, l.reportCase()));
            for (double cut : CUTS) {
                int at = cutPoint(l.text(), cut);
                String text = l.text().substring(0, at);
                int cutLine = (int) text.chars().filter(c -> c == '\n').count() + 1;
                Map<Integer, Boolean> expected = new LinkedHashMap<>();
                l.present().forEach((item, present) -> {
                    Integer line = l.lines().get(item);
                    if (!present) {
                        expected.put(item, false); // a cut never adds an item
                    } else if (line < cutLine && item != 2 && item != 4) {
                        expected.put(item, true); // the evidence lies wholly before the cut
                    } else if (line > cutLine && (item == 2 || item == 4)) {
                        expected.put(item, false); // the closing part was cut away
                    }
                    // not scored: a closing item (2, 4) on or before the cut line, whose closing position the cut
                    // removed, and items 1 and 3 whose labelled evidence was cut away but which may have other
                    // evidence before the cut (see docs/completeness-check.md)
                });
                cases.add(new Case(l.file(), "truncated-" + Math.round(cut * 100), text, expected, true,
                        l.reportCase()));
            }
        }
        return cases;
    }

    // --- sources ------------------------------------------------------------------------------------------------

    private static List<Labelled> labelled() {
        List<Labelled> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = EvaluationSet.class.getResourceAsStream("/completeness/whole-reports.json")) {
            for (JsonNode report : json.readTree(in)) {
                all.add(labelled(report, REPORTS, true));
            }
            for (JsonNode fragment : json.readTree(REPORTS.resolve("fragments/labels.json").toFile())) {
                all.add(labelled(fragment, REPORTS.resolve("fragments"), false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static Labelled labelled(JsonNode node, Path folder, boolean whole) throws IOException {
        String file = node.get("file").asText();
        Map<Integer, Boolean> present = new LinkedHashMap<>();
        Map<Integer, Integer> lines = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> items = node.get("items").fields();
        while (items.hasNext()) {
            Map.Entry<String, JsonNode> item = items.next();
            int number = Integer.parseInt(item.getKey());
            present.put(number, item.getValue().get("present").asBoolean());
            JsonNode line = item.getValue().get("line");
            lines.put(number, line == null || line.isNull() ? null : line.asInt());
        }
        return new Labelled(file, Files.readString(folder.resolve(file)),
                new ReportCase(node.get("year").asInt(), node.get("entity").asText()), present, lines, whole);
    }

    // --- variants -----------------------------------------------------------------------------------------------

    /** OpenCC's traditional form, with the garbles converters are known for (干部 → 乾部, 着力 → 著力). */
    static String traditional(String text) {
        return ZhConverterUtil.toTraditional(text).replace("幹部", "乾部").replace("着力", "著力");
    }

    /** Readings of characters (traditional forms) that web pages print after them, as in 加強(qiáng)黨(dǎng). */
    private static final Map<Character, String> PINYIN = Map.ofEntries(
            Map.entry('加', "jiā"), Map.entry('強', "qiáng"), Map.entry('黨', "dǎng"), Map.entry('政', "zhèng"),
            Map.entry('府', "fǔ"), Map.entry('法', "fǎ"), Map.entry('治', "zhì"), Map.entry('建', "jiàn"),
            Map.entry('設', "shè"), Map.entry('責', "zé"), Map.entry('任', "rèn"), Map.entry('職', "zhí"),
            Map.entry('推', "tuī"), Map.entry('進', "jìn"), Map.entry('領', "lǐng"), Map.entry('導', "dǎo"),
            Map.entry('步', "bù"), Map.entry('將', "jiāng"), Map.entry('問', "wèn"), Map.entry('題', "tí"),
            Map.entry('足', "zú"), Map.entry('縣', "xiàn"), Map.entry('區', "qū"), Map.entry('年', "nián"),
            Map.entry('度', "dù"), Map.entry('報', "bào"), Map.entry('告', "gào"), Map.entry('主', "zhǔ"),
            Map.entry('要', "yào"), Map.entry('負', "fù"), Map.entry('第', "dì"), Map.entry('一', "yī"),
            Map.entry('履', "lǚ"), Map.entry('行', "xíng"), Map.entry('存', "cún"), Map.entry('在', "zài"));

    static String pinyin(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            out.append(c);
            String reading = PINYIN.get(c);
            if (reading != null) {
                out.append('(').append(reading).append(')');
            }
        }
        return out.toString();
    }

    private static final Pattern CHAPTER_HEADING = Pattern.compile("^\\s*[一二三四五六七八九十]{1,3}[、.．][^。]{0,50}$");
    private static final Pattern SUB_NUMBERING = Pattern.compile(
            "^(\\s*)([(（][一二三四五六七八九十\\d]{1,3}[)）]|\\d{1,2}[、.．](?!\\d))");

    /** Chapter heading lines deleted, numbering of the other headings taken off (their words stay in the paragraph). */
    static String headingsRemoved(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (CHAPTER_HEADING.matcher(line).matches()) {
                continue;
            }
            kept.add(SUB_NUMBERING.matcher(line).replaceFirst("$1"));
        }
        return String.join("\n", kept);
    }

    /** The chapters (一、 … ) before the last one in reverse order; the opening and the last chapter stay in place. */
    static String reordered(String text) {
        String[] lines = text.split("\n", -1);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (CHAPTER_HEADING.matcher(lines[i]).matches()) {
                starts.add(i);
            }
        }
        if (starts.size() < 3) {
            throw new IllegalStateException("Too few chapters to reorder");
        }
        List<String> out = new ArrayList<>(List.of(lines).subList(0, starts.get(0)));
        for (int c = starts.size() - 2; c >= 0; c--) {
            out.addAll(List.of(lines).subList(starts.get(c), starts.get(c + 1)));
        }
        out.addAll(List.of(lines).subList(starts.get(starts.size() - 1), lines.length));
        return String.join("\n", out);
    }

    /** A position near the fraction that falls between two Chinese characters inside a sentence. */
    static int cutPoint(String text, double fraction) {
        int at = (int) (text.length() * fraction);
        while (at < text.length() - 1 && !(Character.UnicodeScript.of(text.charAt(at - 1)) == Character.UnicodeScript.HAN
                && Character.UnicodeScript.of(text.charAt(at)) == Character.UnicodeScript.HAN)) {
            at++;
        }
        return at;
    }
}
