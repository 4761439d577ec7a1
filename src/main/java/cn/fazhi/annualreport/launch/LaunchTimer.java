package cn.fazhi.annualreport.launch;

import cn.fazhi.annualreport.calendar.CalendarChanged;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the yearly timer's job on the launch moment the configuration and the calendar give now: at start-up (a
 * changed report.launch.day or time, or a launch moment missed while the application was down for a redeployment
 * that replaced the timer) and whenever the holiday data changes (e.g. next year's notice moves the first working day).
 */
@Component
class LaunchTimer {

    private static final Logger log = LoggerFactory.getLogger(LaunchTimer.class);

    private final ManagementService managementService;
    private final IdentityService identityService;
    private final LaunchSchedule schedule;
    private final LaunchRecords records;
    private final LaunchProperties properties;

    LaunchTimer(ManagementService managementService, IdentityService identityService, LaunchSchedule schedule,
                LaunchRecords records, LaunchProperties properties) {
        this.managementService = managementService;
        this.identityService = identityService;
        this.schedule = schedule;
        this.records = records;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        align(properties.catchUp());
    }

    /** A reload that changed some year's days off or make-up days may move the launch day. */
    @EventListener
    void onCalendarChanged(CalendarChanged event) {
        if (!event.years().isEmpty()) {
            align(Duration.ZERO);
        }
    }

    /**
     * Sets the due date of the timer start job to the next launch moment, or to now when this year's moment passed
     * less than {@code catchUp} ago and the timer has not launched last year's reports (the job that should have fired
     * was replaced by a redeployment while the application was down). A job already due is left alone: it fires as
     * soon as the job executor runs. On several nodes the same update is made; a concurrent one is ignored.
     *
     * @return the due date the timer should have
     */
    Date align(Duration catchUp) {
        Instant now = Beijing.now();
        Date target = Date.from(missed(now, catchUp) ? now : schedule.nextAfter(now).toInstant());
        List<Job> timers = SystemCall.run(identityService, () -> managementService.createJobQuery()
                .processDefinitionKey(AnnualLaunchProcess.PROCESS_KEY).timers().list());
        for (Job job : timers) {
            if (job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(now)
                    || job.getDuedate().equals(target)) {
                continue;
            }
            try {
                SystemCall.run(identityService, () -> {
                    managementService.setJobDuedate(job.getId(), target);
                    return null;
                });
                log.info("Yearly launch timer {} moved from {} to {}", job.getId(), job.getDuedate().toInstant(),
                        target.toInstant());
            } catch (OptimisticLockingException e) {
                log.debug("Yearly launch timer {} was updated by another node meanwhile", job.getId());
            }
        }
        return target;
    }

    private boolean missed(Instant now, Duration catchUp) {
        if (!properties.enabled() || catchUp.isZero()) {
            return false;
        }
        int year = now.atZone(Beijing.ZONE).getYear();
        Instant moment = schedule.momentOf(year).toInstant();
        boolean missed = !now.isBefore(moment) && now.isBefore(moment.plus(catchUp))
                && !records.scheduledLaunchExists(year - 1);
        if (missed) {
            log.warn("The yearly launch of {} was due at {} and has not run: catching it up now", year - 1, moment);
        }
        return missed;
    }
}
