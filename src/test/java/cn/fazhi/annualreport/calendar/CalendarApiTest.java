package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code /api/calendar} over HTTP (HTTP Basic against Camunda identity), and the calendar's metrics in the app. */
@AnnualReportTest
class CalendarApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    ConfigurableApplicationContext context;

    /** CalendarChanged events of the whole context (the reload runs on the server's request thread). */
    private final List<CalendarChanged> events = new CopyOnWriteArrayList<>();
    private ApplicationListener<?> listener;

    @BeforeEach
    void listenToCalendarChanges() {
        listener = ApplicationListener.<CalendarChanged>forPayload(events::add);
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return exchange(HttpMethod.GET, path, "bayan_owner", "demo");
    }

    private ResponseEntity<Map<String, Object>> exchange(HttpMethod method, String path, String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return rest.exchange(path, method, new HttpEntity<>(headers), JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aYearWithDataListsItsHolidaysMakeUpDaysAndWorkingDays() {
        // When a user asks for 2026
        ResponseEntity<Map<String, Object>> response = get("/api/calendar/2026");

        // Then the official arrangement comes back as ISO dates
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> body = response.getBody();
        assertThat(body).containsEntry("year", 2026).containsEntry("hasData", true)
                .containsEntry("source", "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04发布）");
        assertThat((List<Object>) body.get("holidays")).hasSize(33).startsWith("2026-01-01", "2026-01-02", "2026-01-03")
                .contains("2026-02-15", "2026-02-23").endsWith("2026-10-07");
        assertThat((List<Object>) body.get("makeUpWorkdays"))
                .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        // 261 weekdays (1 Jan 2026 is a Thursday) − 19 days off on weekdays (New Year 2, Spring Festival 6,
        // Qingming 1, Labour Day 3, Dragon Boat 1, Mid-Autumn 1, National Day 5) + 6 make-up days = 248
        assertThat(body).containsEntry("workingDays", 248);
    }

    @Test
    void aYearWithoutDataSaysSoAndCountsWeekdaysOnly() {
        // When a user asks for 2031, for which no notice exists
        ResponseEntity<Map<String, Object>> response = get("/api/calendar/2031");

        // Then hasData is false, nothing is listed, and the count is Monday to Friday (261 in 2031)
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("year", 2031).containsEntry("hasData", false)
                .containsEntry("source", null).containsEntry("holidays", List.of())
                .containsEntry("makeUpWorkdays", List.of()).containsEntry("workingDays", 261);
    }

    @Test
    void addWorkingDaysAnswersTheMakeUpSaturday() {
        // When the example is asked
        ResponseEntity<Map<String, Object>> response = get("/api/calendar/add-working-days?date=2026-02-13&days=1");

        // Then Friday 13 Feb + 1 working day = the make-up Saturday 14 Feb
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("date", "2026-02-13").containsEntry("days", 1)
                .containsEntry("result", "2026-02-14").containsEntry("hasData", true)
                .containsEntry("yearsWithoutData", List.of());
    }

    @Test
    void addWorkingDaysGoesBackAndSaysWhenAYearHasNoData() {
        // When days are negative across Spring Festival, and when the result lies in a year without data
        Map<String, Object> back = get("/api/calendar/add-working-days?date=2026-02-24&days=-2").getBody();
        Map<String, Object> into2031 = get("/api/calendar/add-working-days?date=2030-12-31&days=1").getBody();

        // Then the first is on official data; the second says which years fell back to weekends only
        assertThat(back).containsEntry("result", "2026-02-13").containsEntry("hasData", true);
        assertThat(into2031).containsEntry("result", "2031-01-01").containsEntry("hasData", false)
                .containsEntry("yearsWithoutData", List.of(2030, 2031));
    }

    @Test
    void workingDaysBetweenCountsTheHalfOpenInterval() {
        // When the working days from Friday 13 Feb to Wednesday 25 Feb 2026 are counted
        ResponseEntity<Map<String, Object>> response =
                get("/api/calendar/working-days-between?from=2026-02-13&to=2026-02-25");

        // Then 13, 14 (make-up) and 24 Feb count
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("from", "2026-02-13").containsEntry("to", "2026-02-25")
                .containsEntry("workingDays", 3).containsEntry("hasData", true);
    }

    @ParameterizedTest(name = "{0} → 400")
    @CsvSource(delimiter = '|', value = {
            "/api/calendar/add-working-days?date=2026-02-30&days=1    | '2026-02-30' is not a valid date | 不是有效日期",
            "/api/calendar/add-working-days?date=13.02.2026&days=1    | '13.02.2026' is not a valid date | 不是有效日期",
            "/api/calendar/add-working-days?date=2026-02-13&days=1.5  | '1.5' is not a whole number      | 不是整数",
            "/api/calendar/add-working-days?date=2026-02-13&days=abc  | 'abc' is not a whole number      | 不是整数",
            "/api/calendar/add-working-days?date=2026-02-13&days=3661 | 3661 is out of range             | 超出范围",
            "/api/calendar/add-working-days?date=2026-02-13&days=-99999999999 | out of range             | 超出范围",
            "/api/calendar/add-working-days?date=2026-02-13           | Missing parameter 'days'         | 缺少参数 days",
            "/api/calendar/add-working-days?days=1                    | Missing parameter 'date'         | 缺少参数 date",
            "/api/calendar/add-working-days?date=2101-01-01&days=1    | out of range                     | 1900 至 2100",
            "/api/calendar/working-days-between?from=2026-01-01&to=x  | 'x' is not a valid date          | 不是有效日期",
            "/api/calendar/working-days-between?from=1899-12-31&to=2026-01-01 | out of range             | 超出范围",
            "/api/calendar/1899                                       | Year 1899 is out of range        | 超出范围",
            "/api/calendar/2101                                       | Year 2101 is out of range        | 超出范围",
            "/api/calendar/twenty                                     | 'twenty' is not a year           | 无效"
    })
    void badInputIsRefusedWithABilingualMessage(String path, String english, String chinese) {
        // When a bad question is asked
        ResponseEntity<Map<String, Object>> response = get(path);

        // Then 400 with the ApiError body naming the problem in both languages
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("status", 400).containsEntry("error", "CalendarRequestException");
        assertThat((String) response.getBody().get("messageEn")).contains(english);
        assertThat((String) response.getBody().get("messageZh")).contains(chinese);
        assertThat((String) response.getBody().get("message")).contains(english).contains(chinese);
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(rest.getForEntity("/api/calendar/2026", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theStatusShowsTheFileTheYearsAndWhetherNextYearIsMissing() {
        // When a user asks what is in force
        Map<String, Object> body = get("/api/calendar").getBody();

        // Then the shipped file, its years and this and next year's state are shown
        int thisYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        assertThat(body).containsEntry("file", "classpath:calendar/cn-holidays.yaml")
                .containsEntry("years", List.of(2024, 2025, 2026))
                .containsEntry("currentYear", thisYear)
                .containsEntry("nextYear", thisYear + 1)
                .containsEntry("nextYearHasData", calendar.hasDataFor(thisYear + 1))
                .containsEntry("lastReloadError", null);
    }

    @Test
    void onlyAdministratorsMayReload() {
        // When the process owner tries to reload
        ResponseEntity<Map<String, Object>> response =
                exchange(HttpMethod.POST, "/api/calendar/reload", "bayan_owner", "demo");

        // Then 403 in both languages, and nothing was reloaded
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).containsEntry("status", 403)
                .containsEntry("error", "CalendarAdminOnlyException");
        assertThat((String) response.getBody().get("messageZh")).contains("camunda-admin");
        assertThat((String) response.getBody().get("messageEn")).contains("camunda-admin");
        assertThat(events).isEmpty();
    }

    @Test
    void anAdministratorReloadsAndTheChangeIsPublished() {
        // When the admin (group camunda-admin) reloads the unchanged shipped file
        ResponseEntity<Map<String, Object>> response =
                exchange(HttpMethod.POST, "/api/calendar/reload", "admin", "Fz-Test-K7q#2026-Vw");

        // Then 200 with the years in force and no changed year, and CalendarChanged went out in the context
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("file", "classpath:calendar/cn-holidays.yaml")
                .containsEntry("years", List.of(2024, 2025, 2026)).containsEntry("changedYears", List.of())
                .containsKey("loadedAt");
        assertThat(events).containsExactly(new CalendarChanged(Set.of()));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();
    }

    @Test
    void theMetricsShowTheYearsAndTheNextYearAlarm() {
        // Given the application's meter registry
        // Then every year with data has its gauge of 1, and the alarm follows next year's data
        for (String year : List.of("2024", "2025", "2026")) {
            Gauge gauge = meterRegistry.find("report.calendar.years").tag("year", year).gauge();
            assertThat(gauge).as("gauge for %s", year).isNotNull();
            assertThat(gauge.value()).isEqualTo(1.0);
        }
        int nextYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;
        Gauge alarm = meterRegistry.find("report.calendar.missing.next.year").gauge();
        assertThat(alarm).isNotNull();
        assertThat(alarm.value()).isEqualTo(calendar.hasDataFor(nextYear) ? 0.0 : 1.0);
        assertThat(meterRegistry.find("report.calendar.reload.failed").gauge().value()).isEqualTo(0.0);
    }
}
