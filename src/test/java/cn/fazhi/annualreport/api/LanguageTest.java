package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which language a reader gets from their browser's Accept-Language, and what a message then reads. */
class LanguageTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "zh-CN,zh;q=0.9                    | ZH",   // Chromium set to Chinese
            "zh-CN,zh;q=0.9,en;q=0.8           | ZH",
            "zh-TW                             | ZH",
            "zh-Hans-CN                        | ZH",
            "ZH-cn                             | ZH",
            "en-US,en;q=0.9                    | EN",   // an English browser
            "en-US,en;q=0.9,zh-CN;q=0.8        | EN",
            "en;q=0.5,zh;q=0.8                 | ZH",   // weights, not order, decide
            "fr-FR,fr;q=0.9,en;q=0.3           | EN",   // the first of ours the reader prefers
            "de-DE,zh-CN;q=0.5,en;q=0.4        | ZH",
            "zh;q=0,en                         | EN",   // q=0: not acceptable
            "fr-FR                             | BOTH", // neither of ours
            "*                                 | BOTH",
            "''                                | BOTH",
            "NULL                              | BOTH", // a script, curl
            "zh-CN;q=abc                       | BOTH", // malformed: as if none were stated
    })
    void theBrowsersFirstLanguageOfOursIsTheReadersLanguage(String header, Language expected) {
        // Given a request with this Accept-Language; When the language is read; Then it is the expected one
        assertThat(Language.of(header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ZH   | 未知的报告单位",
            "EN   | Unknown reporting entity",
            "BOTH | 未知的报告单位 / Unknown reporting entity",
    })
    void aMessageReadsInTheReadersLanguage(Language language, String expected) {
        // Given a refusal in both languages; When it is shown to the reader; Then it reads in their language only,
        // or in both when they stated none
        assertThat(language.pick("未知的报告单位", "Unknown reporting entity")).isEqualTo(expected);
        assertThat(new Bilingual("未知的报告单位", "Unknown reporting entity").in(language)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"ZH | ZH", "EN | EN", "BOTH | ZH"})
    void aPageOfTheChineseSiteIsChineseUnlessEnglishIsAskedFor(Language reader, Language page) {
        // Given a reader of the public column; Then the page is in Chinese unless they asked for English
        assertThat(reader.chineseUnlessEnglish()).isEqualTo(page);
    }
}
