package cn.fazhi.annualreport.deadline;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * A user task's deadline as the deployed diagram declares it: its {@code camunda:dueDate} names one of the case's
 * deadline variables, {@code ${deadlineFirstDraft}}; re-planning, reminders and the deployment check read it from there.
 */
public record DeclaredDeadline(Milestone milestone) {

    private static final Pattern VARIABLE = Pattern.compile("^\\s*\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*$");

    /** The case deadline a due-date expression names, if it is exactly one deadline variable. */
    public static Optional<DeclaredDeadline> ofDueDate(String dueDate) {
        if (dueDate == null) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(dueDate);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Arrays.stream(Milestone.values()).filter(x -> x.variable().equals(m.group(1))).findFirst()
                .map(DeclaredDeadline::new);
    }

    /** The case deadline a user task of the diagram is due by, if its due date names one. */
    public static Optional<DeclaredDeadline> of(UserTask task) {
        return task == null ? Optional.empty() : ofDueDate(task.getCamundaDueDate());
    }

    /** The process variable holding the deadline. */
    public String variable() {
        return milestone.variable();
    }
}
