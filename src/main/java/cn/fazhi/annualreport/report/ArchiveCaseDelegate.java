package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.archive.CaseArchives;
import cn.fazhi.annualreport.security.SystemCall;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_ArchiveCase (生成并保存归档包, asyncBefore, after 归档): builds and stores the case's archive from its
 * records and history, in the step's transaction. A failure (no report, a receipt missing) fails the job: retried,
 * then an incident in Cockpit; the case does not end without its archive.
 */
@Component("archiveCaseDelegate")
class ArchiveCaseDelegate implements JavaDelegate {

    private final CaseArchives archives;
    private final CaseFactsReader facts;
    private final IdentityService identityService;

    ArchiveCaseDelegate(CaseArchives archives, CaseFactsReader facts, IdentityService identityService) {
        this.archives = archives;
        this.facts = facts;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the whole history of the case, whoever happens to run the job: the application's own bookkeeping
        SystemCall.run(identityService, () -> archives.archive(facts.read(execution.getProcessInstanceId())));
    }
}
