package cn.fazhi.annualreport.filing;

import java.util.Arrays;
import java.util.Optional;

/** How a report travelled to an addressee; the values of the filing form's 报送渠道. */
public enum FilingChannel {

    ELECTRONIC("电子公文交换系统"),
    CONFIDENTIAL_COURIER("机要交换（机要交通）"),
    POST("邮寄"),
    IN_PERSON("当面递交"),
    EMAIL("电子邮件"),
    /** Recorded by earlier versions of the filing form ("纸质报送"); no longer offered. */
    PAPER("纸质报送");

    private final String labelZh;

    FilingChannel(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }

    public static Optional<FilingChannel> of(String value) {
        return Arrays.stream(values()).filter(c -> c.name().equals(value)).findFirst();
    }

    /** The Chinese label of a stored channel value, or the value itself if it is unknown; "" for none. */
    public static String label(String value) {
        return value == null ? "" : of(value).map(FilingChannel::labelZh).orElse(value);
    }
}
