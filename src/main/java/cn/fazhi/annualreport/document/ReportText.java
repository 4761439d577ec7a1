package cn.fazhi.annualreport.document;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A report's text as the check reads it: annotations and page furniture gone, simplified, normalised, line numbers kept. */
final class ReportText {

    /**
     * One line kept for reading.
     *
     * @param number the 1-based line of the original text
     * @param text   the normalised line
     */
    record Line(int number, String text) {
    }

    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    /** Pinyin in brackets right after a Han character: 加強(qiáng)黨(dǎng), also full-width brackets. */
    private static final Pattern RUBY = Pattern.compile(
            "(?<=\\p{IsHan})[(（]\\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}[1-5]?\\s*[)）]");
    private static final Pattern HTML_RUBY = Pattern.compile("<rt>[^<]*</rt>|<rp>[^<]*</rp>|</?ruby>");
    /** Page numbers and running marks: "— 3 —", "- 3 -", "第3页 共9页", "3/9", a bare number. */
    private static final Pattern PAGE_FURNITURE = Pattern.compile(
            "^([—\\-－–−]+\\s*\\d{1,3}\\s*[—\\-－–−]+|第\\s*\\d{1,3}\\s*页(\\s*[，,/]?\\s*共\\s*\\d{1,3}\\s*页)?"
                    + "|\\d{1,3}\\s*/\\s*\\d{1,3}|\\d{1,3})$");
    /** What a web page prints around the report (share buttons, view counts, source and date lines). */
    private static final Pattern WEB_FURNITURE = Pattern.compile(
            "^(分享到|关闭窗口|【?\\[?打印(此页|本页)?】?\\]?|\\[?关闭(本页|窗口)\\]?|浏览量|浏览次数|阅读次数|扫一扫|字号|字体[:：]|"
                    + "政府公告$|作者\\s*[:：]|来源\\s*[:：]|发布(日期|时间)\\s*[:：]|【字体|上一篇|下一篇|相关链接|Produced\\s+By|版权所有|技术支持|主办单位|网站标识码|.*ICP备)");
    private static final Pattern SPACE_IN_NUMBER = Pattern.compile("(\\d)\\s+(?=[年月日号])");
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile("(?<=\\p{IsHan})[ \\u3000\\u00A0]+(?=\\p{IsHan})");
    private static final Pattern NUMBERING_HAN_DOT = Pattern.compile("^([一二三四五六七八九十]{1,3})\\s*[.．、]\\s*");
    private static final Pattern NUMBERING_HAN_BRACKET = Pattern.compile("^[(（]?\\s*([一二三四五六七八九十]{1,3})\\s*[)）]\\s*");
    private static final Pattern NUMBERING_ARABIC = Pattern.compile("^(\\d{1,2})\\s*[.．、](?!\\d)\\s*");
    private static final Pattern NUMBERING_ARABIC_BRACKET = Pattern.compile("^[(（]\\s*(\\d{1,2})\\s*[)）]\\s*");
    private static final Pattern NUMBERING_PART = Pattern.compile("^第([一二三四五六七八九十]{1,3})(部分|章|篇)[、：:\\s]*");
    private static final List<String[]> FIXES = loadFixes();

    final List<Line> lines;

    private ReportText(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Reads a report's text; blank lines and furniture are dropped, every kept line keeps its original number. */
    static ReportText read(String text) {
        String[] raw = LINE_BREAK.split(text, -1);
        List<Line> kept = new ArrayList<>();
        Map<String, Integer> repeats = new HashMap<>();
        List<String> normalised = new ArrayList<>();
        for (String line : raw) {
            String n = normalise(line);
            normalised.add(n);
            if (!n.isEmpty() && n.length() <= 30) {
                repeats.merge(n, 1, Integer::sum);
            }
        }
        for (int i = 0; i < normalised.size(); i++) {
            String n = normalised.get(i);
            if (n.isEmpty() || isFurniture(n) || repeats.getOrDefault(n, 0) >= 3) {
                continue; // a short line printed three times or more is a running header or footer
            }
            kept.add(new Line(i + 1, n));
        }
        return new ReportText(kept);
    }

    static boolean isFurniture(String line) {
        return PAGE_FURNITURE.matcher(line).matches() || WEB_FURNITURE.matcher(line).find();
    }

    /** One line: ruby stripped, simplified, punctuation, spaces and numbering normalised. */
    static String normalise(String line) {
        String s = HTML_RUBY.matcher(line).replaceAll("");
        s = RUBY.matcher(s).replaceAll("");
        s = s.replace('\u3000', ' ').replace('\u00A0', ' ').strip();
        if (s.isEmpty()) {
            return s;
        }
        s = toSimplified(s);
        s = punctuation(s);
        s = SPACE_IN_NUMBER.matcher(s).replaceAll("$1");
        s = numbering(s);
        return SPACE_BETWEEN_HAN.matcher(s).replaceAll(" ").strip();
    }

    static String toSimplified(String s) {
        String simplified = ZhConverterUtil.toSimple(s);
        for (String[] fix : FIXES) {
            simplified = simplified.replace(fix[0], fix[1]);
        }
        return simplified;
    }

    /** Half-width punctuation next to Chinese text becomes full-width; traditional quotes become Chinese quotes. */
    private static String punctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char prev = i > 0 ? s.charAt(i - 1) : ' ';
            boolean digitsAround = Character.isDigit(prev) && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
            switch (c) {
                case ',' -> out.append(digitsAround ? c : '，');
                case ':' -> out.append(digitsAround ? c : '：');
                case ';' -> out.append('；');
                case '(' -> out.append('（');
                case ')' -> out.append('）');
                case '!' -> out.append('！');
                case '?' -> out.append('？');
                case '「', '『' -> out.append('“');
                case '」', '』' -> out.append('”');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** 一．/一. → 一、, (一)/一) → （一）, 1、/1． → 1., (1) → （1）, 第一部分 → 一、 */
    private static String numbering(String s) {
        var m = NUMBERING_PART.matcher(s);
        if (m.find()) {
            return m.group(1) + "、" + s.substring(m.end());
        }
        m = NUMBERING_HAN_DOT.matcher(s);
        if (m.find()) {
            return m.group(1) + "、" + s.substring(m.end());
        }
        m = NUMBERING_HAN_BRACKET.matcher(s);
        if (m.find()) {
            return "（" + m.group(1) + "）" + s.substring(m.end());
        }
        m = NUMBERING_ARABIC_BRACKET.matcher(s);
        if (m.find()) {
            return "（" + m.group(1) + "）" + s.substring(m.end());
        }
        m = NUMBERING_ARABIC.matcher(s);
        if (m.find()) {
            return m.group(1) + "." + s.substring(m.end());
        }
        return s;
    }

    private static List<String[]> loadFixes() {
        List<String[]> fixes = new ArrayList<>();
        try (InputStream in = ReportText.class.getResourceAsStream("/completeness/simplified-fixes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("completeness/simplified-fixes.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length == 2) {
                    fixes.add(parts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fixes.sort(Comparator.comparingInt((String[] f) -> f[0].length()).reversed());
        return List.copyOf(fixes);
    }
}
