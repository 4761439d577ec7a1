package cn.fazhi.annualreport.publication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceTask_CheckPublication} (asynchronous, retried): the case goes on only when every published URL
 * answers 2xx; sets {@code publicationVerifiedAt}.
 */
@Component("checkPublicationDelegate")
class CheckPublicationDelegate implements JavaDelegate {

    static final String VAR_VERIFIED_AT = "publicationVerifiedAt";

    private final Publications publications;

    CheckPublicationDelegate(Publications publications) {
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        publications.check(execution.getProcessInstanceId());
        execution.setVariable(VAR_VERIFIED_AT, ClockUtil.getCurrentTime());
    }
}
