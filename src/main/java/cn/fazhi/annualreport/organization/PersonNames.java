package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.security.SystemCall;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** A person's name as records and mails show it (姓 + 名, e.g. 张伟), for a user id or a Camunda user. */
@Component
public class PersonNames {

    private final IdentityService identityService;

    PersonNames(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The user's full name; the id itself if the user is gone or has no name; null for null. */
    public String of(String userId) {
        if (userId == null || userId.isEmpty()) {
            return userId;
        }
        User user = SystemCall.run(identityService,
                () -> identityService.createUserQuery().userId(userId).singleResult());
        return user == null ? userId : of(user);
    }

    /** The user's full name, or the id if the user has no name. */
    public static String of(User user) {
        String name = (user.getLastName() == null ? "" : user.getLastName())
                + (user.getFirstName() == null ? "" : user.getFirstName());
        return name.isBlank() ? user.getId() : name;
    }
}
