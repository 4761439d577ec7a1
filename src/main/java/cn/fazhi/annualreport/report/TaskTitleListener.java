package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Names a task after whom it concerns, so that Tasklist's list tells the tasks of one multi-instance step apart:
 * "报送部门材料：公安局", "报送年度报告：中共巴彦县委", "抄送依法治理办公室：中共哈尔滨市委全面依法治市委员会办公室",
 * "补录回执：巴彦县人大常委会".
 */
@Component("taskTitleListener")
class TaskTitleListener implements TaskListener {

    private final EntityRegistry registry;

    TaskTitleListener(EntityRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void notify(DelegateTask task) {
        String subject = null;
        if (task.hasVariableLocal(VAR_DEPARTMENT) || TASK_SUBMIT_MATERIAL.equals(task.getTaskDefinitionKey())) {
            String code = (String) task.getVariable(VAR_DEPARTMENT);
            subject = registry.find(code).map(ReportingEntity::shortName).orElse(code);
        } else if (TASK_FILE.equals(task.getTaskDefinitionKey())
                || TASK_RECORD_RECEIPT.equals(task.getTaskDefinitionKey())) {
            subject = (String) task.getVariable(VAR_RECIPIENT);
        } else if (TASK_COPY.equals(task.getTaskDefinitionKey())) {
            subject = (String) task.getVariable(VAR_SUPERVISING_OFFICE);
        }
        String entityName = (String) task.getVariable(VAR_ENTITY_NAME);
        Object year = task.getVariable(VAR_REPORTING_YEAR);
        StringBuilder name = new StringBuilder(task.getName());
        if (subject != null && !subject.isBlank()) {
            name.append("：").append(subject);
        }
        task.setName(name.toString());
        task.setDescription(entityName + " " + year + "年度法治政府建设年度报告");
    }
}
