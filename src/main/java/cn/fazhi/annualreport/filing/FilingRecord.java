package cn.fazhi.annualreport.filing;

import java.time.Instant;
import java.time.LocalDate;

/** A report filed with one recipient (报送) or copied to the supervising office (抄送), with its receipt (回执). */
public record FilingRecord(String recipient, String kind, LocalDate filedOn, String channel, String receiptNumber,
                           String note, String recordedBy, Instant recordedAt) {
}
