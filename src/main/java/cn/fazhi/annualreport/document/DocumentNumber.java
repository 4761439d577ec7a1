package cn.fazhi.annualreport.document;

import java.time.Instant;

/** A document number (文号) given out or entered, e.g. 巴政呈〔2026〕12号, and what became of it. */
public record DocumentNumber(String number, String prefix, int year, int sequence, String processInstanceId,
                             String origin, String status, String assignedBy, Instant assignedAt, String cancelReason) {

    public static final String ASSIGNED = "ASSIGNED";
    public static final String MANUAL = "MANUAL";
    public static final String ISSUED = "ISSUED";
    public static final String CANCELLED = "CANCELLED";
}
