package cn.fazhi.annualreport.organization;

import java.util.List;

/** A person of an entity with the roles they hold. */
public record Person(String id, String lastName, String firstName, String email, List<Role> roles) {

    public Person {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
