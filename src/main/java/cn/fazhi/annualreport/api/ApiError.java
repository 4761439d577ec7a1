package cn.fazhi.annualreport.api;

import java.util.List;

/**
 * The JSON body of every refused request: {@code message} (and each line of {@code details}) in the reader's
 * language — Chinese, English, or both when the request states neither — and {@code messageZh}, {@code messageEn}
 * always, for code.
 */
public record ApiError(int status, String error, String message, String messageZh, String messageEn,
                       List<String> details) {

    public static ApiError of(Language language, int status, String error, String messageZh, String messageEn,
                              List<Bilingual> details) {
        return new ApiError(status, error, language.pick(messageZh, messageEn), messageZh, messageEn,
                details == null ? List.of() : details.stream().map(d -> d.in(language)).toList());
    }
}
