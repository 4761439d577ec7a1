package cn.fazhi.annualreport.form;

import java.util.List;

/** What one form field demands of its submitted value. */
record FieldRule(String key, String label, FieldType type, boolean required, Integer maxLength, String pattern,
                 List<String> allowedValues) {

    /** The value kinds the forms use. */
    enum FieldType { TEXT, NUMBER, BOOLEAN, DATE, FILE }
}
