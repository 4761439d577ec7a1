package cn.fazhi.annualreport.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Chinese translation of the Camunda webapps (Tasklist, Cockpit, Admin, Welcome).
 *
 * <p>The English reference is the {@code en.json} inside the camunda-webapp-webjar on the test
 * classpath, so after a Camunda upgrade this test fails until {@code zh.json} is brought up to the
 * new key set. Our overrides ({@code zh.json}, {@code config.js}) live under the same classpath
 * prefix in {@code src/main/resources}; they are told apart from the webjar by their URL.
 */
class WebappTranslationTest {

    private static final String APP_PREFIX = "META-INF/resources/webjars/camunda/app/";
    private static final String WEBJAR_NAME = "camunda-webapp-webjar";

    /** A word of three or more ASCII letters: a value containing one is English text. */
    private static final Pattern ENGLISH_WORD = Pattern.compile("[A-Za-z]{3,}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");

    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

    /**
     * English values that may legitimately stay identical in Chinese:
     * "Camunda" (vendor/product name, APP_VENDOR), "Camunda Cockpit" (product name),
     * "CSV" and "JSON" (file format names offered as export choices),
     * "YYYY-MM-DDTHH:mm:ss" (date input pattern shown as placeholder; users must type exactly this).
     */
    private static final Set<String> MAY_STAY_ENGLISH =
            Set.of("Camunda", "Camunda Cockpit", "CSV", "JSON", "YYYY-MM-DDTHH:mm:ss");

    /** Re-applies the moment.js locale of the language in use; listed in each app's config.js customScripts. */
    private static final String DATE_LOCALE_SCRIPT = "custom-scripts/date-locale.js";

    /**
     * Tasklist keys used as the status of an error notification, which the notifications panel renders as
     * "status: message" (message = the server's error text). Found in camunda-tasklist-bootstrap.js 7.24: the task
     * form's completionCallback (COMPLETE_ERROR), the task view's errorHandler for assignee changes and task
     * updates (ASSIGNED_ERROR, ASSIGNEE_RESET_ERROR, CLAIM_ERROR, UNCLAIM_ERROR, TASK_UPDATE_ERROR).
     */
    private static final List<String> TASKLIST_STATUS_PREFIX_KEYS = List.of("COMPLETE_ERROR", "ASSIGNED_ERROR",
            "ASSIGNEE_RESET_ERROR", "CLAIM_ERROR", "UNCLAIM_ERROR", "TASK_UPDATE_ERROR");

    private final ObjectMapper objectMapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void zhJsonHasExactlyTheKeysOfTheWebjarEnJson(String app) throws IOException {
        // Given the English locale file shipped in the webjar and our Chinese one
        Map<String, JsonNode> english = leaves(readJson(webjarResource(app + "/locales/en.json")));
        Map<String, JsonNode> chinese = leaves(readJson(ourResource(app + "/locales/zh.json")));

        // When comparing their key paths
        Set<String> englishKeys = english.keySet();
        Set<String> chineseKeys = chinese.keySet();

        // Then no key is missing and none is extra
        assertThat(englishKeys).as("%s en.json keys", app).isNotEmpty();
        assertThat(chineseKeys).as("%s zh.json keys", app).containsExactlyInAnyOrderElementsOf(englishKeys);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void noEnglishTextIsLeftUntranslated(String app) throws IOException {
        // Given both locale files
        Map<String, JsonNode> english = leaves(readJson(webjarResource(app + "/locales/en.json")));
        Map<String, JsonNode> chinese = leaves(readJson(ourResource(app + "/locales/zh.json")));

        // When collecting English texts that were copied unchanged into zh.json
        List<String> untranslated = new ArrayList<>();
        english.forEach((path, en) -> {
            JsonNode zh = chinese.get(path);
            if (en.isTextual() && zh != null && zh.isTextual()
                    && en.asText().equals(zh.asText())
                    && ENGLISH_WORD.matcher(en.asText()).find()
                    && !MAY_STAY_ENGLISH.contains(en.asText())) {
                untranslated.add(path + " = " + en.asText());
            }
        });

        // Then there are none
        assertThat(untranslated).as("%s: English values left in zh.json", app).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void translationsKeepTheAngularPlaceholders(String app) throws IOException {
        // Given both locale files
        Map<String, JsonNode> english = leaves(readJson(webjarResource(app + "/locales/en.json")));
        Map<String, JsonNode> chinese = leaves(readJson(ourResource(app + "/locales/zh.json")));

        // When comparing the {{...}} placeholders of every text
        List<String> broken = new ArrayList<>();
        english.forEach((path, en) -> {
            JsonNode zh = chinese.get(path);
            if (en.isTextual() && zh != null
                    && !placeholders(en.asText()).equals(placeholders(zh.asText()))) {
                broken.add(path + ": " + en.asText() + " -> " + zh.asText());
            }
        });

        // Then every translation uses the same placeholders as its English original
        assertThat(broken).as("%s: placeholders changed", app).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void endOfLifeBannerIsChineseAndKeepsItsLink(String app) throws IOException {
        // Given the English banner text (shown on every page of the community edition)
        JsonNode english = readJson(webjarResource(app + "/locales/en.json")).path("labels");
        JsonNode chinese = readJson(ourResource(app + "/locales/zh.json")).path("labels");
        String englishBanner = english.path("BANNER_CE_EOL_TEXT").asText();

        // When reading its Chinese counterpart
        String chineseBanner = chinese.path("BANNER_CE_EOL_TEXT").asText();

        // Then it is Chinese text that still links to the same migration guide
        assertThat(englishBanner).contains("href=\"");
        String href = englishBanner.substring(englishBanner.indexOf("href=\""), englishBanner.indexOf('"',
                englishBanner.indexOf("href=\"") + 6) + 1);
        assertThat(chineseBanner).containsPattern(CJK).contains(href).contains("</a>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void zhJsonIsUtf8WithoutByteOrderMark(String app) throws IOException {
        // Given the raw bytes of our zh.json
        byte[] bytes = readBytes(ourResource(app + "/locales/zh.json"));

        // When decoding them strictly as UTF-8
        String text = decodeStrictUtf8(bytes);

        // Then there is no BOM and the text contains Chinese characters
        assertThat(bytes).isNotEmpty();
        assertThat(bytes[0]).as("first byte (no UTF-8 BOM)").isEqualTo((byte) '{');
        assertThat(text).containsPattern(CJK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void configJsOffersChinese(String app) throws IOException {
        // Given our config.js (the webjar's own file plus a locales entry)
        String source = new String(readBytes(ourResource(app + "/scripts/config.js")), StandardCharsets.UTF_8);

        // When reading the active (not commented-out) availableLocales list
        List<String> locales = activeAvailableLocales(source);

        // Then it offers Chinese as "zh" (the app matches only the part before '-') besides English
        assertThat(locales).contains("zh", "en");
        assertThat(source).contains("export default {").containsPattern("fallbackLocale\\s*:\\s*[\"']en[\"']");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void configJsLoadsTheDateLocaleScript(String app) throws IOException {
        // Given our config.js and the script that re-applies the date locale of the current language
        String config = activeCode(new String(readBytes(ourResource(app + "/scripts/config.js")),
                StandardCharsets.UTF_8));
        String script = new String(readBytes(ourResource(app + "/" + DATE_LOCALE_SCRIPT)), StandardCharsets.UTF_8);
        String tasklistScript = new String(readBytes(ourResource("tasklist/" + DATE_LOCALE_SCRIPT)),
                StandardCharsets.UTF_8);

        // When reading the active (not commented-out) customScripts list
        Matcher list = Pattern.compile("[\"']?customScripts[\"']?\\s*:\\s*\\[([^\\]]*)]").matcher(config);

        // Then it loads the script (path relative to the app folder), which is the same file in every app
        // and has no default export (7.24 would take a default export for a frontend plugin)
        assertThat(list.find()).as("%s config.js has an active customScripts entry", app).isTrue();
        assertThat(list.group(1)).contains("'" + DATE_LOCALE_SCRIPT + "'");
        assertThat(script).as("%s/%s equals tasklist's copy", app, DATE_LOCALE_SCRIPT).isEqualTo(tasklistScript);
        assertThat(script).doesNotContain("export default").contains("localeLoader");
    }

    @Test
    void tasklistShortcutDescriptionsAreChineseAndKeepTheirKeys() throws IOException {
        // Given the keyboard shortcuts of the webjar's tasklist config.js and of ours
        Map<String, String[]> english = shortcuts(new String(readBytes(webjarResource("tasklist/scripts/config.js")),
                StandardCharsets.UTF_8));
        Map<String, String[]> chinese = shortcuts(new String(readBytes(ourResource("tasklist/scripts/config.js")),
                StandardCharsets.UTF_8));

        // When comparing them shortcut by shortcut
        assertThat(english).as("shortcuts in the webjar's tasklist config.js").isNotEmpty();
        assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());

        // Then every shortcut keeps its key combination and has a Chinese description (shown as-is in the dialog)
        english.forEach((name, en) -> {
            String[] zh = chinese.get(name);
            assertThat(zh[0]).as("key combination of %s", name).isEqualTo(en[0]);
            assertThat(zh[1]).as("description of %s", name).containsPattern(CJK).doesNotContainPattern(ENGLISH_WORD);
        });
    }

    @Test
    void tasklistNotificationStatusesDoNotEndWithAFullStop() throws IOException {
        // Given the Chinese texts that Tasklist shows as the status of an error notification,
        // rendered as "<status>: <server message>"
        JsonNode english = readJson(webjarResource("tasklist/locales/en.json")).path("labels");
        JsonNode chinese = readJson(ourResource("tasklist/locales/zh.json")).path("labels");

        for (String key : TASKLIST_STATUS_PREFIX_KEYS) {
            // When reading the key
            String zh = chinese.path(key).asText();

            // Then it still exists in the webjar and does not end with "。" (would give "。:")
            assertThat(english.has(key)).as("%s in the webjar's tasklist en.json", key).isTrue();
            assertThat(zh).as(key).containsPattern(CJK).doesNotEndWith("。");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The resource from the camunda webjar (not our override with the same classpath prefix). */
    private static URL webjarResource(String relative) throws IOException {
        List<URL> fromWebjar = resources(relative).stream().filter(WebappTranslationTest::isWebjar).toList();
        assertThat(fromWebjar).as("%s in %s on the classpath", relative, WEBJAR_NAME).hasSize(1);
        return fromWebjar.get(0);
    }

    /** Our override from src/main/resources (anything on the classpath that is not the webjar). */
    private static URL ourResource(String relative) throws IOException {
        List<URL> ours = resources(relative).stream().filter(url -> !isWebjar(url)).toList();
        assertThat(ours).as("%s provided by this project", relative).hasSize(1);
        return ours.get(0);
    }

    private static List<URL> resources(String relative) throws IOException {
        ClassLoader loader = WebappTranslationTest.class.getClassLoader();
        return Collections.list(loader.getResources(APP_PREFIX + relative));
    }

    private static boolean isWebjar(URL url) {
        return "jar".equals(url.getProtocol()) && url.getPath().contains(WEBJAR_NAME);
    }

    private static byte[] readBytes(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    private JsonNode readJson(URL url) throws IOException {
        String text = new String(readBytes(url), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) { // the webjar's en.json files start with a BOM
            text = text.substring(1);
        }
        return objectMapper.readTree(text);
    }

    private static String decodeStrictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** All leaf values keyed by path, e.g. "/labels/OK" or "/dateLocales/months/0". */
    private static Map<String, JsonNode> leaves(JsonNode root) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), path + "/" + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        } else {
            out.put(path, node);
        }
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group().replace(" ", ""));
        }
        Collections.sort(found);
        return found;
    }

    /** Locale codes of the availableLocales entry that is not inside a comment. */
    private static List<String> activeAvailableLocales(String js) {
        String code = activeCode(js);
        Matcher list = Pattern.compile("[\"']?availableLocales[\"']?\\s*:\\s*\\[([^\\]]*)]").matcher(code);
        List<String> locales = new ArrayList<>();
        if (list.find()) {
            Matcher item = Pattern.compile("[\"']([^\"']+)[\"']").matcher(list.group(1));
            while (item.find()) {
                locales.add(item.group(1));
            }
        }
        return locales;
    }

    /** The JavaScript without block comments and without lines that are line comments. */
    private static String activeCode(String js) {
        return js.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    /** The active shortcuts of a tasklist config.js: name -> {key combination, description}. */
    private static Map<String, String[]> shortcuts(String js) {
        Matcher block = Pattern.compile("shortcuts\\s*:\\s*\\{(.*)}\\s*}\\s*;?\\s*$", Pattern.DOTALL)
                .matcher(activeCode(js).trim());
        Map<String, String[]> out = new LinkedHashMap<>();
        if (block.find()) {
            Matcher entry = Pattern.compile("(\\w+)\\s*:\\s*\\{\\s*key\\s*:\\s*'([^']*)'\\s*,"
                    + "\\s*description\\s*:\\s*'([^']*)'\\s*}").matcher(block.group(1));
            while (entry.find()) {
                out.put(entry.group(1), new String[] {entry.group(2), entry.group(3)});
            }
        }
        return out;
    }
}
