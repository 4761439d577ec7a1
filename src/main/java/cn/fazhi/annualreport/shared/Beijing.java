package cn.fazhi.annualreport.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The zone whose days and times of day count (Asia/Shanghai), and the engine clock's now and today in it. */
public final class Beijing {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Beijing() {
    }

    /** Now by the engine's clock ({@link ClockUtil}: tests and the engine move it together). */
    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Today in Beijing by the engine's clock. */
    public static LocalDate today() {
        return now().atZone(ZONE).toLocalDate();
    }
}
