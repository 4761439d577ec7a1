package cn.fazhi.annualreport.organization;

/** A person of an entity as the registry file lists them: Camunda user id, full Chinese name and email address. */
record Person(String id, String name, String email) {

    /** The surname for Camunda's "last name" (a one-character surname; the rest is the given name). */
    String lastName() {
        return name.length() > 1 ? name.substring(0, 1) : name;
    }

    String firstName() {
        return name.length() > 1 ? name.substring(1) : "";
    }
}
