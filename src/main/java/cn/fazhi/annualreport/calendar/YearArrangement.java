package cn.fazhi.annualreport.calendar;

import java.time.LocalDate;
import java.util.Set;

/** One year's official arrangement: days off and weekend make-up working days (调休). */
record YearArrangement(int year, String source, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {
}
