package cn.fazhi.annualreport.migration;

import cn.fazhi.annualreport.report.CaseDeadlines;
import cn.fazhi.annualreport.security.SystemCall;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-plans a migrated case on its new version once the migration is committed (a dry run, rolled back, does not):
 * the reminder timers the engine's migration lost are put back ({@link TaskReminderTimers}), and its deadlines, open
 * tasks' due dates and reminder timers follow the case's plan again.
 */
@Component
class MigratedCaseReplanner {

    private static final Logger log = LoggerFactory.getLogger(MigratedCaseReplanner.class);

    private final CaseDeadlines deadlines;
    private final IdentityService identityService;
    private final TransactionTemplate transaction;
    private final TaskReminderTimers reminderTimers;

    MigratedCaseReplanner(CaseDeadlines deadlines, IdentityService identityService,
                          PlatformTransactionManager transactions, TaskReminderTimers reminderTimers) {
        this.reminderTimers = reminderTimers;
        this.deadlines = deadlines;
        this.identityService = identityService;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener
    void on(CaseMigrated migrated) {
        // the engine's migration changed this node's cached target version (TaskReminderTimers): parse it again
        reminderTimers.forgetCached(migrated.processDefinitionId());
        try {
            transaction.executeWithoutResult(status -> SystemCall.run(identityService, () -> {
                reminderTimers.restore(migrated.processInstanceId());
                deadlines.replanAll(migrated.processInstanceId());
                return null;
            }));
            log.info("Case {} migrated to {}: deadlines re-planned", migrated.processInstanceId(),
                    migrated.processDefinitionId());
        } catch (RuntimeException e) {
            // the migration itself is committed; the case keeps the due dates and timers it had
            log.error("Case {} migrated to {} but could not be re-planned: {}", migrated.processInstanceId(),
                    migrated.processDefinitionId(), e.getMessage(), e);
        }
    }
}
