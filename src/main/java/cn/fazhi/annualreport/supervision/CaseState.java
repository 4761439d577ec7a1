package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.Shown;
import java.util.Locale;

/**
 * Where a case stands for its supervisors, most urgent first; docs/supervision.md states the rule. The colour of
 * NOT_STARTED is red once the reporting cycle has begun (1 January after the reporting year), grey before.
 */
enum CaseState {
    OVERDUE("逾期", "red"),
    NOT_STARTED("未启动", "red"),
    DUE_SOON("临近期限", "amber"),
    DONE_LATE("逾期完成", "amber"),
    ON_TRACK("正常推进", "green"),
    DONE("按期完成", "green");

    private final String labelZh;
    private final String colour;

    CaseState(String labelZh, String colour) {
        this.labelZh = labelZh;
        this.colour = colour;
    }

    String labelZh() {
        return labelZh;
    }

    String colour() {
        return colour;
    }

    static CaseState parse(String value) {
        try {
            return CaseState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SupervisionException.invalid("未知的状态：" + Shown.value(value)
                            + "（可选 OVERDUE、NOT_STARTED、DUE_SOON、DONE_LATE、ON_TRACK、DONE）",
                    "Unknown state: " + Shown.value(value));
        }
    }
}
