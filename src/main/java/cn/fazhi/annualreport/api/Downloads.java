package cn.fazhi.annualreport.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** File names for downloads: safe on every system and inside zips, and sent as RFC 6266/5987 attachments. */
public final class Downloads {

    private static final int MAX_NAME = 100;
    private static final Pattern RESERVED = Pattern.compile("(?i)^(CON|PRN|AUX|NUL|COM\\d|LPT\\d)(\\..*)?$");

    private Downloads() {
    }

    /**
     * A name (e.g. an addressee's name from the registry) made safe as a file name, also inside a zip: no path
     * separators or characters Windows refuses, no control or bidirectional-override characters, no leading dots, at
     * most 100 characters; "_" if nothing is left.
     */
    public static String safeFileName(String name) {
        if (name == null) {
            return "_";
        }
        String clean = name.replaceAll("[\\p{Cntrl}\\p{Cf}]", "")
                .replaceAll("[\\\\/:*?\"<>|]", "_")
                .replaceAll("\\s+", " ")
                .strip()
                .replaceAll("^\\.+", "")
                .replaceAll("[. ]+$", "");
        if (clean.codePointCount(0, clean.length()) > MAX_NAME) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME));
        }
        if (RESERVED.matcher(clean).matches()) {
            clean = "_" + clean;
        }
        return clean.isEmpty() ? "_" : clean;
    }

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>} (RFC 6266/5987): the
     * fallback for old clients is reduced to {@code [A-Za-z0-9._-]}, the name itself made safe first.
     */
    public static String attachment(String asciiFallback, String fileName) {
        String fallback = asciiFallback.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(safeFileName(fileName), StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
