package cn.fazhi.annualreport.organization;

/** A person of an entity as the registry file lists them: Camunda user id, full Chinese name and email address. */
record Person(String id, String name, String email) {
}
