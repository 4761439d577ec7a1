package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.Shown;
import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import java.util.Locale;
import java.util.Map;

/** The phase of a case in words, in the order of the cycle; a running case is in the earliest phase of its open tasks. */
enum Phase {
    NOT_STARTED("未启动"),
    MATERIALS("部门材料报送"),
    DRAFTING("起草报告"),
    REVIEW("审核"),
    DELIBERATION("审议"),
    ISSUANCE("签发制发"),
    FILING_AND_PUBLICATION("报送与公开"),
    ARCHIVING("归档"),
    OTHER("其他环节"),
    PROCESSING("系统处理中"),
    FINISHED("已完成");

    private static final Map<String, Phase> OF_TASK = Map.ofEntries(
            Map.entry(TASK_SUBMIT_MATERIAL, MATERIALS),
            Map.entry(TASK_DRAFT, DRAFTING),
            Map.entry(TASK_SOLICIT_OPINIONS, DRAFTING),
            Map.entry(TASK_INTERNAL_REVIEW, REVIEW),
            Map.entry(TASK_EXECUTIVE_MEETING, DELIBERATION),
            Map.entry(TASK_LEADERSHIP_MEETING, DELIBERATION),
            Map.entry(TASK_PRINCIPAL_SIGN_OFF, DELIBERATION),
            Map.entry(TASK_SIGN_AND_ISSUE, ISSUANCE),
            Map.entry(TASK_FILE, FILING_AND_PUBLICATION),
            Map.entry(TASK_COPY, FILING_AND_PUBLICATION),
            Map.entry(TASK_RECORD_RECEIPT, FILING_AND_PUBLICATION),
            Map.entry(TASK_SECRECY_REVIEW, FILING_AND_PUBLICATION),
            Map.entry(TASK_ARCHIVE, ARCHIVING));

    private final String labelZh;

    Phase(String labelZh) {
        this.labelZh = labelZh;
    }

    String labelZh() {
        return labelZh;
    }

    /** The phase a task belongs to; a task added in Modeler that the desk does not know is OTHER. */
    static Phase ofTask(String taskKey) {
        return OF_TASK.getOrDefault(taskKey, OTHER);
    }

    static Phase parse(String value) {
        try {
            return Phase.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SupervisionException.invalid("未知的阶段：" + Shown.value(value),
                    "Unknown phase: " + Shown.value(value));
        }
    }
}
