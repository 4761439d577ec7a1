package cn.fazhi.annualreport.organization;

import java.util.List;
import java.util.Map;

/** One entity read from a registry file: its line, the entity, and its people per role column present in the file. */
record EntityRow(int line, ReportingEntity entity, Map<Role, List<Person>> people) {
}
