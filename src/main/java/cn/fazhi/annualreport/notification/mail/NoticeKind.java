package cn.fazhi.annualreport.notification.mail;

/**
 * Why a mail goes out. Each kind has its Chinese label, the tag that opens the subject and the sentence that opens
 * the mail; the templates in {@code templates/mail/} show them.
 */
public enum NoticeKind {

    /** A task was assigned to the recipient (claimed or assigned). */
    ASSIGNED("待办", "【待办】", "您有一项新的待办事项，请及时办理。"),
    /** A task was created for a candidate group the recipient belongs to and waits to be claimed. */
    CREATED("待认领", "【待认领】", "有一项新的待办事项分配给您所在的岗位，请及时认领并办理。"),
    /** A reminder some working days before the due date. */
    REMINDER("催办", "【催办】", "您有一项待办事项即将到期，请及时办理。"),
    /** The task is due today. */
    DUE_TODAY("今日到期", "【今日到期】", "您有一项待办事项今天到期，请在今日下班前办理完毕。"),
    /** The task is overdue: to the people who should do it. */
    OVERDUE("逾期", "【逾期】", "您有一项待办事项已经逾期，请立即办理。"),
    /** The task is overdue: to the role's leader and the supervising office, who should see that it gets done. */
    ESCALATION("逾期督办", "【逾期督办】", "以下待办事项已经逾期，按规定抄报您，请督促有关人员尽快办理。"),
    /** Nobody can work on the task (its role has no people): to the entity's owners and the administrators. */
    UNSTAFFED("无人可办", "【无人可办】", "以下待办事项没有任何人可以办理，请尽快补充人员或转办。"),
    /** A supervising office or the entity's owner urged the case from the supervision desk (督办台). */
    URGED("督办催办", "【督办催办】", "以下待办事项收到催办，请尽快办理。");

    private final String label;
    private final String subjectTag;
    private final String intro;

    NoticeKind(String label, String subjectTag, String intro) {
        this.label = label;
        this.subjectTag = subjectTag;
        this.intro = intro;
    }

    /** The Chinese name of the kind, e.g. 催办. */
    public String label() {
        return label;
    }

    /** What the subject starts with, e.g. 【催办】. */
    public String subjectTag() {
        return subjectTag;
    }

    /** The sentence that opens the mail. */
    public String intro() {
        return intro;
    }

    /** Whether the task is past its due date for this kind of notice. */
    public boolean overdue() {
        return this == OVERDUE || this == ESCALATION;
    }
}
