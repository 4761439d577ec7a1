package cn.fazhi.annualreport.shared;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ObjectMapper of code that Spring does not construct (static helpers called from engine listeners, e.g. the
 * parsing of deployed forms); Spring beans take the application's ObjectMapper bean instead.
 */
public final class Json {

    /** Jackson's defaults, as read and written before: never reconfigure it. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
