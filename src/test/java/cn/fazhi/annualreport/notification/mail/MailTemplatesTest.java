package cn.fazhi.annualreport.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The Chinese templates: subject per kind, days left or overdue, the reason, escaping. */
class MailTemplatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 2, 10);
    private static final Date DUE = Date.from(LocalDateTime.of(2026, 2, 13, 17, 30)
            .atZone(ZoneId.of("Asia/Shanghai")).toInstant());

    private final MailTemplates templates = new MailTemplates();

    private static Notice.Builder notice(NoticeKind kind) {
        return Notice.builder(kind, "k").recipient("bayan_gaj_staff", "王警官", "bayan.gaj.staff@example.org")
                .reportCase("巴彦县公安局", 2025, "bayan-gaj:2025", "pi-1")
                .task("t-1", "起草年度报告", DUE)
                .link("http://tasklist.example.org/camunda/app/tasklist/default/#/?task=t-1");
    }

    @Test
    void aReminderShowsEverythingAndCountsCalendarDaysWithoutWorkingDays() {
        RenderedMail mail = templates.render(notice(NoticeKind.REMINDER).build(), TODAY);

        assertThat(mail.subject()).isEqualTo("【催办】巴彦县公安局2025年度法治政府建设年度报告：起草年度报告（2026-02-13到期）");
        assertThat(mail.text()).contains("王警官：", "您有一项待办事项即将到期", "报告单位：巴彦县公安局", "报告年度：2025年度",
                "待办事项：起草年度报告", "办理期限：2026-02-13（星期五）", "剩余时间：还剩3天",
                "在任务列表中打开：http://tasklist.example.org/camunda/app/tasklist/default/#/?task=t-1")
                .doesNotContain("督办事由", "[(", "th:");
        assertThat(mail.html()).contains("<html lang=\"zh-CN\"", "巴彦县公安局", "2025年度", "起草年度报告",
                "2026-02-13（星期五）", "还剩3天", "在任务列表中打开",
                "href=\"http://tasklist.example.org/camunda/app/tasklist/default/#/?task=t-1\"")
                .doesNotContain("th:text", "th:if", "xmlns:th", "督办事由");
    }

    @Test
    void workingDaysAreShownWhenTheCallerKnowsThem() {
        RenderedMail mail = templates.render(notice(NoticeKind.REMINDER).workingDaysLeft(1).build(), TODAY);
        assertThat(mail.text()).contains("剩余时间：还剩1个工作日");
    }

    @Test
    void everyKindHasItsSubjectTag() {
        assertThat(templates.render(notice(NoticeKind.ASSIGNED).build(), TODAY).subject()).startsWith("【待办】");
        assertThat(templates.render(notice(NoticeKind.CREATED).build(), TODAY).subject()).startsWith("【待认领】");
        assertThat(templates.render(notice(NoticeKind.DUE_TODAY).build(), LocalDate.of(2026, 2, 13)).subject())
                .isEqualTo("【今日到期】巴彦县公安局2025年度法治政府建设年度报告：起草年度报告（今日到期）");
        assertThat(templates.render(notice(NoticeKind.OVERDUE).workingDaysLeft(-2).build(), TODAY).subject())
                .isEqualTo("【逾期】巴彦县公安局2025年度法治政府建设年度报告：起草年度报告（已逾期2个工作日）");
    }

    @Test
    void anEscalationShowsTheOverdueDaysAndTheReason() {
        Notice escalation = notice(NoticeKind.ESCALATION).recipient("bayan_leader", "陈县长", "bayan.leader@example.org")
                .workingDaysLeft(-3).reason("逾期3个工作日，按规定抄报分管领导和依法治县办").build();
        RenderedMail mail = templates.render(escalation, TODAY);

        assertThat(mail.subject()).isEqualTo("【逾期督办】巴彦县公安局2025年度法治政府建设年度报告：起草年度报告（已逾期3个工作日）");
        assertThat(mail.text()).contains("陈县长：", "按规定抄报您", "逾期时间：已逾期3个工作日",
                "督办事由：逾期3个工作日，按规定抄报分管领导和依法治县办");
        assertThat(mail.html()).contains("已逾期3个工作日", "督办事由", "逾期3个工作日，按规定抄报分管领导和依法治县办");
    }

    @Test
    void valuesAreEscapedInHtml() {
        Notice hostile = Notice.builder(NoticeKind.ASSIGNED, "k").recipient(null, "<b>X</b>", "x@example.org")
                .reportCase("A&B <script>alert(1)</script>", 2025, null, null).task("t", "任务\"名\"", null)
                .link("http://example.org/?a=1&b=\"2\"").build();
        RenderedMail mail = templates.render(hostile, TODAY);

        assertThat(mail.html()).doesNotContain("<script>", "<b>X</b>")
                .contains("A&amp;B &lt;script&gt;", "&lt;b&gt;X&lt;/b&gt;", "href=\"http://example.org/?a=1&amp;b=&quot;2&quot;\"");
        assertThat(mail.text()).contains("A&B <script>alert(1)</script>"); // plain text stays as it is
    }

    @Test
    void withoutDueDateNameOrLinkTheMailStillReads() {
        Notice bare = Notice.builder(NoticeKind.CREATED, "k").recipient(null, null, "x@example.org")
                .task(null, "报送部门材料", null).build();
        RenderedMail mail = templates.render(bare, TODAY);

        assertThat(mail.subject()).isEqualTo("【待认领】法治政府建设年度报告：报送部门材料");
        assertThat(mail.text()).startsWith("您好：").doesNotContain("办理期限", "在任务列表中打开", "null", ".ics");
        assertThat(mail.html()).doesNotContain("办理期限", "在任务列表中打开", "null");
    }
}
