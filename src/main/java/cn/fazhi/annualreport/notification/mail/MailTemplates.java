package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.shared.Beijing;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link Notice} with the Thymeleaf templates in {@code templates/mail/}: {@code subject.txt},
 * {@code notice.txt} (TEXT mode) and {@code notice.html} (HTML mode, escaped). The mail has its own template engine,
 * kept inside this class rather than exposed as a {@code SpringTemplateEngine} bean, so that Spring Boot's web
 * Thymeleaf configuration (and its view resolver) stays as it is and cannot pick up, or be picked up as, the mail's.
 */
@Component
class MailTemplates {

    static final String PREFIX = "templates/mail/";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Map<DayOfWeek, String> WEEKDAYS = Map.of(DayOfWeek.MONDAY, "星期一", DayOfWeek.TUESDAY, "星期二",
            DayOfWeek.WEDNESDAY, "星期三", DayOfWeek.THURSDAY, "星期四", DayOfWeek.FRIDAY, "星期五",
            DayOfWeek.SATURDAY, "星期六", DayOfWeek.SUNDAY, "星期日");

    private final SpringTemplateEngine engine;

    MailTemplates() {
        engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(PREFIX);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** Renders the notice as of {@code today} (Asia/Shanghai), which counts the calendar days left if needed. */
    RenderedMail render(Notice notice, LocalDate today) {
        Context context = new Context(Locale.SIMPLIFIED_CHINESE, variables(notice, today));
        String subject = engine.process("subject.txt", context).replaceAll("\\s+", " ").trim();
        String text = engine.process("notice.txt", context);
        String html = engine.process("notice.html", context);
        return new RenderedMail(subject, text, html);
    }

    static Map<String, Object> variables(Notice notice, LocalDate today) {
        Map<String, Object> v = new HashMap<>();
        NoticeKind kind = notice.kind();
        v.put("kind", kind);
        v.put("accent", switch (kind) {
            case ASSIGNED, CREATED -> "#1f6fb2";
            case REMINDER, DUE_TODAY -> "#d35400";
            case OVERDUE, ESCALATION, UNSTAFFED, URGED -> "#c0392b";
        });
        v.put("recipientName", blankToNull(notice.recipientName()) == null ? null : notice.recipientName().trim());
        v.put("entityName", blankToNull(notice.entityName()));
        v.put("year", notice.year());
        v.put("taskName", blankToNull(notice.taskName()) == null ? "（未命名的待办事项）" : notice.taskName().trim());
        v.put("link", blankToNull(notice.link()));
        v.put("reason", blankToNull(notice.reason()));
        LocalDate due = dueDay(notice);
        if (due != null) {
            v.put("dueDate", DATE.format(due));
            v.put("dueWeekday", WEEKDAYS.get(due.getDayOfWeek()));
            boolean working = notice.workingDaysLeft() != null;
            long left = working ? notice.workingDaysLeft() : ChronoUnit.DAYS.between(today, due);
            String unit = working ? "个工作日" : "天";
            if (left > 0) {
                v.put("timeLabel", "剩余时间");
                v.put("timeText", "还剩" + left + unit);
                v.put("subjectSuffix", DATE.format(due) + "到期");
            } else if (left == 0) {
                v.put("timeLabel", "剩余时间");
                v.put("timeText", "今日到期");
                v.put("subjectSuffix", "今日到期");
            } else {
                v.put("timeLabel", "逾期时间");
                v.put("timeText", "已逾期" + -left + unit);
                v.put("subjectSuffix", "已逾期" + -left + unit);
            }
            v.put("overdue", left < 0);
        }
        return v;
    }

    static LocalDate dueDay(Notice notice) {
        return notice.due() == null ? null : notice.due().toInstant().atZone(Beijing.ZONE).toLocalDate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
