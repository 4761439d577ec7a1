package cn.fazhi.annualreport.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The iCalendar writer: RFC 5545 line folding at 75 octets, CRLF, TEXT escaping, the event's properties. */
class IcsBuilderTest {

    @Test
    void aShortLineIsNotFolded() {
        assertThat(IcsBuilder.fold("SUMMARY:起草年度报告")).isEqualTo("SUMMARY:起草年度报告");
        String exactly75 = "X".repeat(75);
        assertThat(IcsBuilder.fold(exactly75)).isEqualTo(exactly75);
    }

    @Test
    void asciiIsFoldedAt75OctetsWithASpaceStartingEachContinuation() {
        String line = "DESCRIPTION:" + "a".repeat(200);
        String folded = IcsBuilder.fold(line);
        List<String> physical = Arrays.asList(folded.split("\r\n", -1));
        assertThat(physical.get(0)).hasSize(75);
        assertThat(physical.subList(1, physical.size())).allSatisfy(l -> assertThat(l).startsWith(" "));
        assertThat(physical).allSatisfy(l -> assertThat(octets(l)).isLessThanOrEqualTo(75));
        assertThat(unfold(folded)).isEqualTo(line);
    }

    @Test
    void chineseTextIsFoldedByOctetsWithoutSplittingACharacter() {
        // 3 octets per character in UTF-8: 75 characters of Chinese are 225 octets
        String line = "SUMMARY:" + "巴彦县公安局法治政府建设年度报告起草年度报告".repeat(5) + "𠀀😀"; // and 4-octet characters
        String folded = IcsBuilder.fold(line);
        for (String physical : folded.split("\r\n", -1)) {
            byte[] bytes = physical.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).as("octets of %s", physical).isLessThanOrEqualTo(75);
            // each physical line is valid UTF-8 on its own: decoding and encoding again gives the same octets
            assertThat(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
            assertThat(physical).doesNotContain("\uFFFD");
        }
        assertThat(folded.split("\r\n").length).isGreaterThan(4);
        assertThat(unfold(folded)).isEqualTo(line);
    }

    @Test
    void textValuesAreEscaped() {
        assertThat(IcsBuilder.escapeText("a,b;c\\d\ne\r\nf")).isEqualTo("a\\,b\\;c\\\\d\\ne\\nf");
    }

    @Test
    void durationsAreWrittenTheRfc5545Way() {
        assertThat(IcsBuilder.duration(Duration.ofDays(1))).isEqualTo("P1D");
        assertThat(IcsBuilder.duration(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
        assertThat(IcsBuilder.duration(Duration.ofSeconds(45))).isEqualTo("PT45S");
    }

    @Test
    void theEventHasEveryPropertyWithCrlfLineEndingsAndFoldedLines() {
        String ics = new IcsBuilder()
                .uid("annual-report-task-42@tasklist.example.org")
                .stamp(Instant.parse("2026-02-10T01:30:00Z"))
                .sequence(7)
                .between(LocalDateTime.of(2026, 2, 13, 17, 0), LocalDateTime.of(2026, 2, 13, 17, 30))
                .summary("【办理期限】起草年度报告（巴彦县公安局2025年度）")
                .description("报告单位：巴彦县公安局\n在任务列表中打开：http://tasklist.example.org/camunda/app/tasklist/default/#/?task=42")
                .url("http://tasklist.example.org/camunda/app/tasklist/default/#/?task=42")
                .alarm(Duration.ofDays(1), "明天到期：起草年度报告")
                .build();

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n", "\r");
        for (String physical : ics.split("\r\n")) {
            assertThat(octets(physical)).as(physical).isLessThanOrEqualTo(75);
        }
        List<String> lines = Arrays.asList(unfold(ics).split("\r\n"));
        assertThat(lines).contains("VERSION:2.0", "METHOD:PUBLISH", "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai",
                "TZOFFSETTO:+0800", "BEGIN:VEVENT", "UID:annual-report-task-42@tasklist.example.org",
                "DTSTAMP:20260210T013000Z", "SEQUENCE:7", "DTSTART;TZID=Asia/Shanghai:20260213T170000",
                "DTEND;TZID=Asia/Shanghai:20260213T173000", "SUMMARY:【办理期限】起草年度报告（巴彦县公安局2025年度）",
                "DESCRIPTION:报告单位：巴彦县公安局\\n在任务列表中打开：http://tasklist.example.org/camunda/app/tasklist/default/#/?task=42",
                "URL:http://tasklist.example.org/camunda/app/tasklist/default/#/?task=42", "BEGIN:VALARM",
                "ACTION:DISPLAY", "TRIGGER:-P1D", "END:VALARM", "END:VEVENT");
        assertThat(lines.indexOf("BEGIN:VALARM")).isBetween(lines.indexOf("BEGIN:VEVENT"), lines.indexOf("END:VEVENT"));
    }

    @Test
    void anEventMustEndAfterItStarts() {
        LocalDateTime t = LocalDateTime.of(2026, 2, 13, 17, 0);
        assertThatThrownBy(() -> new IcsBuilder().uid("x@y").between(t, t).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab disappears. */
    static String unfold(String folded) {
        return folded.replaceAll("\r\n[ \t]", "");
    }
}
