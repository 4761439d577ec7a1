package cn.fazhi.annualreport.api;

import java.util.List;

/** The JSON body of every refused request: {@code message} carries both languages for people, the rest for code. */
public record ApiError(int status, String error, String message, String messageZh, String messageEn,
                       List<String> details) {

    public static ApiError of(int status, String error, String messageZh, String messageEn, List<String> details) {
        return new ApiError(status, error, messageZh + " / " + messageEn, messageZh, messageEn,
                details == null ? List.of() : details);
    }
}
