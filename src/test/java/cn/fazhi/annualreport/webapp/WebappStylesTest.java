package cn.fazhi.annualreport.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Camunda's end-of-life banner: hidden unless the administrator sets report.webapp.end-of-life-banner=true. */
class WebappStylesTest {

    @Test
    void theBannerIsHiddenByDefaultAndShownWhenTheAdministratorAsksForIt() {
        // Given the property's default (false), When the webapps load their stylesheet, Then it hides the banner
        assertThat(new WebappStyles(new WebappProperties(false)).styles().getBody()).contains(".ce-eol-banner { display: none !important; }")
                .contains(".cam-due-day");
        // Given report.webapp.end-of-life-banner=true, Then the stylesheet leaves the banner alone
        assertThat(new WebappStyles(new WebappProperties(true)).styles().getBody()).doesNotContain(".ce-eol-banner {")
                .contains(".cam-due-day");
    }
}
