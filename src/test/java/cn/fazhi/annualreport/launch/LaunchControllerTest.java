package cn.fazhi.annualreport.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** How POST /api/launches answers depending on whether the launch finished within report.launch.answer-within. */
class LaunchControllerTest {

    private final LaunchService launches = mock(LaunchService.class);
    private final IdentityService identity = mock(IdentityService.class);

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void answers200WithTheCountsWhenTheLaunchFinishesWithinTheWait() throws Exception {
        // Given a launch whose jobs are done by the second look (the job executor is quick)
        when(identity.getCurrentAuthentication()).thenReturn(admin());
        when(launches.launch(anyInt(), anyString())).thenReturn("L1");
        when(launches.view("L1")).thenReturn(view("RUNNING", 0, 17), view("FINISHED", 17, 0));
        LaunchController controller = new LaunchController(launches, properties(Duration.ofSeconds(5)), identity);

        // When the administrator launches
        ResponseEntity<LaunchView> answer = controller.launch(new ObjectMapper().readTree("{\"year\": 2025}"));

        // Then 200 with the final counts
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().started()).isEqualTo(17);
        assertThat(answer.getHeaders().getLocation()).isNull();
    }

    @Test
    void answers202WithLocationWhenTheWaitIsOver() throws Exception {
        // Given a launch still running, and no wait configured
        when(identity.getCurrentAuthentication()).thenReturn(admin());
        when(launches.launch(anyInt(), anyString())).thenReturn("L2");
        when(launches.view("L2")).thenReturn(view("RUNNING", 3, 14));
        LaunchController controller = new LaunchController(launches, properties(Duration.ZERO), identity);

        // When the administrator launches
        ResponseEntity<LaunchView> answer = controller.launch(new ObjectMapper().readTree("{\"year\": 2025}"));

        // Then 202 with where to follow it, and what is known so far
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/launches/L2");
        assertThat(answer.getBody().pending()).isEqualTo(14);
    }

    private static Authentication admin() {
        return new Authentication("admin", List.of("camunda-admin"));
    }

    private static LaunchProperties properties(Duration answerWithin) {
        return new LaunchProperties(true, null, null, answerWithin, Duration.ZERO);
    }

    private static LaunchView view(String state, int started, int pending) {
        return new LaunchView("L", 2025, "MANUAL", "admin", null, null, state, started + pending, started, 0, 0,
                pending, List.of());
    }
}
