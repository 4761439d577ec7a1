package cn.fazhi.annualreport.publication;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceTask_PublishReport} (asynchronous, retried): publishes what the secrecy review released on every
 * target and sets {@code publicationUrl} and {@code publishedAt} (the CMS's page if there is one, else the column's).
 */
@Component("publishReportDelegate")
class PublishReportDelegate implements JavaDelegate {

    static final String VAR_PUBLICATION_URL = "publicationUrl";
    static final String VAR_PUBLISHED_AT = "publishedAt";

    private final Publications publications;

    PublishReportDelegate(Publications publications) {
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PublicationRecord main = publications.publish(execution.getProcessInstanceId());
        execution.setVariable(VAR_PUBLICATION_URL, main.url());
        execution.setVariable(VAR_PUBLISHED_AT, Date.from(main.publishedAt().toInstant()));
    }
}
