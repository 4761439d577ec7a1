package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.notification.ReminderService;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 催办 from the desk: the entity's owners, the supervising offices above it and administrators mail the people who
 * should do the case's open tasks now, with a message; each urge is logged (case_urge) and a case is urged at most
 * once per {@code report.supervision.urge-interval}.
 */
@Service
class Urges {

    static final int MAX_MESSAGE = 500;

    private final JdbcTemplate jdbc;
    private final EntityAccess access;
    private final ReminderService reminders;
    private final IdentityService identityService;
    private final PersonNames names;
    private final SupervisionProperties properties;

    Urges(JdbcTemplate jdbc, EntityAccess access, ReminderService reminders, IdentityService identityService,
          PersonNames names, SupervisionProperties properties) {
        this.jdbc = jdbc;
        this.access = access;
        this.reminders = reminders;
        this.identityService = identityService;
        this.names = names;
        this.properties = properties;
    }

    @Transactional
    Urge urge(Viewer viewer, String entityCode, int year, String message) {
        ReportingEntity entity = access.supervised(viewer, entityCode);
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw SupervisionException.invalid("请填写催办内容", "The urge needs a message");
        }
        if (text.length() > MAX_MESSAGE) {
            throw SupervisionException.invalid("催办内容最多" + MAX_MESSAGE + "字，现为" + text.length() + "字",
                    "The message may have at most " + MAX_MESSAGE + " characters, not " + text.length());
        }
        if (text.codePoints().anyMatch(Urges::unfit)) {
            throw SupervisionException.invalid("催办内容含有控制字符或无效字符", "The message contains control or invalid characters");
        }
        String processInstanceId = jdbc.queryForList("SELECT process_instance_id FROM case_progress WHERE entity_code = ?"
                + " AND reporting_year = ? AND end_state IS NULL", String.class, entity.code(), year).stream()
                .findFirst().orElseThrow(() -> new SupervisionException(HttpStatus.CONFLICT,
                        entity.name() + year + "年度没有进行中的案件，无需催办",
                        "No running case of " + entity.code() + " for " + year + " to urge"));
        Instant now = Beijing.now();
        // one urge at a time per case: the row lock of the case's read-model row orders concurrent urges
        jdbc.update("UPDATE case_progress SET entity_code = entity_code WHERE process_instance_id = ?", processInstanceId);
        List<Timestamp> last = jdbc.queryForList("SELECT MAX(urged_at) FROM case_urge WHERE process_instance_id = ?",
                Timestamp.class, processInstanceId);
        Instant previous = last.isEmpty() || last.get(0) == null ? null : last.get(0).toInstant();
        Duration interval = properties.urgeInterval();
        if (previous != null && previous.plus(interval).isAfter(now)) {
            Duration wait = Duration.between(now, previous.plus(interval));
            long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
            throw new SupervisionException(HttpStatus.TOO_MANY_REQUESTS,
                    "该案件刚刚催办过，请" + minutes + "分钟后再催办（同一案件" + interval.toHours() + "小时内只催办一次）",
                    "This case was urged recently; try again in " + minutes + " minutes");
        }
        String by = names.of(viewer.userId());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO case_urge (process_instance_id, entity_code, reporting_year,"
                    + " message, urged_by, urged_at, mails) VALUES (?, ?, ?, ?, ?, ?, 0)", new String[] {"id"});
            ps.setString(1, processInstanceId);
            ps.setString(2, entity.code());
            ps.setInt(3, year);
            ps.setString(4, text);
            ps.setString(5, viewer.userId());
            ps.setTimestamp(6, Timestamp.from(now));
            return ps;
        }, key);
        long id = key.getKey().longValue();
        int mails = SystemCall.run(identityService, () -> reminders.urge(processInstanceId, text, by, id));
        jdbc.update("UPDATE case_urge SET mails = ? WHERE id = ?", mails, id);
        return new Urge(id, entity.code(), year, text, viewer.userId(), by, OffsetDateTime.ofInstant(now, Beijing.ZONE),
                mails);
    }

    /** Control characters (but line breaks and tabs), lone surrogates, and the bidi controls that reorder a mail's text. */
    private static boolean unfit(int c) {
        return (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                || Character.getType(c) == Character.SURROGATE
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    List<Urge> of(Viewer viewer, String entityCode, int year) {
        ReportingEntity entity = access.readable(viewer, entityCode);
        Map<String, String> shown = new HashMap<>();
        return jdbc.query("SELECT id, message, urged_by, urged_at, mails FROM case_urge WHERE entity_code = ?"
                        + " AND reporting_year = ? ORDER BY urged_at DESC, id DESC",
                (rs, i) -> new Urge(rs.getLong(1), entity.code(), year, rs.getString(2), rs.getString(3),
                        shown.computeIfAbsent(rs.getString(3), names::of),
                        OffsetDateTime.ofInstant(rs.getTimestamp(4).toInstant(), Beijing.ZONE), rs.getInt(5)),
                entity.code(), year);
    }

    /** One 催办: who, when, what, how many mails went out. */
    record Urge(long id, String entity, int year, String message, String urgedBy, String urgedByName,
                OffsetDateTime urgedAt, int mails) {
    }
}
