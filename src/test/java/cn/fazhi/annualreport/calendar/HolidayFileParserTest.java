package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

/**
 * Every refusal of the holiday file names the line of the offending entry, so that an admin finds it at once; the
 * checks beyond the basic ones of {@link WorkingDayCalendarTest} (duplicate years, unknown keys, weekday make-up days…).
 */
class HolidayFileParserTest {

    private static Map<Integer, YearArrangement> parse(String yaml) {
        InputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
        return HolidayFileParser.parse(in, "/etc/annual-report/cn-holidays.yaml");
    }

    static Stream<Arguments> malformedFiles() {
        return Stream.of(
                Arguments.of("a bad date in the third line of a wrapped list", """
                        years:
                          2026:
                            holidays: [2026-01-01..2026-01-03,
                                       2026-02-15..2026-02-23,
                                       2026-04-31]
                        """, 5, "year 2026, holidays: '2026-04-31' is not a date", "不是有效日期"),
                Arguments.of("a reversed range in a block list", """
                        years:
                          2026:
                            holidays:
                              - 2026-01-01
                              - 2026-10-07..2026-10-01
                        """, 5, "range 2026-10-07..2026-10-01 ends before it starts", "结束日早于开始日"),
                Arguments.of("a year given twice", """
                        years:
                          2026:
                            holidays: [2026-01-01]
                          2026:
                            holidays: [2026-01-02]
                        """, 4, "year 2026 appears twice (first at line 2)", "出现了两次"),
                Arguments.of("a misspelt key inside a year", """
                        years:
                          2026:
                            holiday: [2026-01-01]
                        """, 3, "unknown key 'holiday' (expected source, holidays, workdays)", "未知的键"),
                Arguments.of("a make-up day on a weekday", """
                        years:
                          2026:
                            holidays: [2026-02-15..2026-02-23]
                            workdays: [2026-02-14,
                                       2026-02-27]
                        """, 5, "2026-02-27 is a FRIDAY, but a make-up working day is a Saturday or Sunday", "周六或周日"),
                Arguments.of("a make-up day that is also a holiday", """
                        years:
                          2026:
                            holidays: [2026-02-13..2026-02-16]

                            workdays: [2026-02-14]
                        """, 5, "2026-02-14 is both a holiday and a make-up working day (holiday at line 3)", "既是休假日又是调休上班日"),
                Arguments.of("an empty year", """
                        years:
                          2026:
                            holidays: [2026-01-01]
                          2027:
                        """, 4, "year 2027 is empty", "没有内容"),
                Arguments.of("a year without holidays", """
                        years:
                          2027:
                            source: 尚未发布
                            workdays: []
                        """, 2, "year 2027: no holidays listed", "没有列出休假日"),
                Arguments.of("a nested list instead of a date", """
                        years:
                          2026:
                            holidays: [2026-01-01, [2026-01-02]]
                        """, 3, "each entry must be a date", "列表项应为日期"),
                Arguments.of("a year outside 1900–2100", """
                        years:
                          2226:
                            holidays: [2226-01-01]
                        """, 2, "'2226' is not a year (1900–2100)", "不是年份"),
                Arguments.of("broken YAML (a tab before a key)", "years:\n  2026:\n\tholidays: [2026-01-01]\n",
                        3, "is not valid YAML, line 3", "不是有效的 YAML"));
    }

    @ParameterizedTest(name = "{0}: line {2}")
    @MethodSource("malformedFiles")
    void aMalformedFileIsRefusedNamingFileLineAndReason(String what, String yaml, int line, String reason,
                                                        String reasonZh) {
        // Given a holiday file with one mistake
        // When it is parsed / Then it is refused with the file, the line of the mistake and the reason, in both languages
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(HolidayFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("/etc/annual-report/cn-holidays.yaml");
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("Holiday file /etc/annual-report/cn-holidays.yaml")
                            .contains("line " + line).contains(reason);
                    assertThat(e.messageZh()).contains("/etc/annual-report/cn-holidays.yaml")
                            .contains("第 " + line + " 行").contains(reasonZh);
                });
    }

    @Test
    void otherTopLevelKeysAreIgnoredAndAnEmptySourceIsAllowed() {
        // Given a file with a comment block, a version key and a year without source
        String yaml = """
                # maintained by the justice bureau
                version: 3
                years:
                  2030:
                    holidays: [2030-01-01]
                    workdays:
                """;

        // When it is parsed
        Map<Integer, YearArrangement> years = parse(yaml);

        // Then the year is there with an empty source and no make-up days
        assertThat(years).containsOnlyKeys(2030);
        assertThat(years.get(2030).source()).isEmpty();
        assertThat(years.get(2030).makeUpWorkdays()).isEmpty();
    }

    @Test
    void theShippedFileHasTheThreeOfficialYearsWithTheirNotices() throws IOException {
        // Given the file shipped in the jar
        try (InputStream in = new ClassPathResource("calendar/cn-holidays.yaml").getInputStream()) {
            // When it is parsed
            Map<Integer, YearArrangement> years = HolidayFileParser.parse(in, "classpath:calendar/cn-holidays.yaml");

            // Then 2024–2026 are there with their sources and 28 + 28 + 33 days off
            assertThat(years).containsOnlyKeys(2024, 2025, 2026);
            assertThat(years.get(2024).source()).isEqualTo("国办发明电〔2023〕7号");
            assertThat(years.get(2024).holidays()).hasSize(28);
            assertThat(years.get(2025).holidays()).hasSize(28);
            assertThat(years.get(2026).holidays()).hasSize(33);
            assertThat(years.get(2026).makeUpWorkdays()).hasSize(6);
        }
    }
}
