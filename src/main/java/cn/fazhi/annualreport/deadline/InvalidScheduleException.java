package cn.fazhi.annualreport.deadline;

/** An overriding date that the statutory rules do not allow. */
public class InvalidScheduleException extends RuntimeException {

    private final String messageZh;

    InvalidScheduleException(String messageZh, String messageEn) {
        super(messageEn);
        this.messageZh = messageZh;
    }

    public String messageZh() {
        return messageZh;
    }
}
