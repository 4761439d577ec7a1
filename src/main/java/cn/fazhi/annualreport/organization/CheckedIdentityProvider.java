package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.ApiException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.springframework.http.HttpStatus;

/**
 * Camunda's database identity provider, which refuses a user whose name or mail address breaks {@link PersonFields} —
 * for every write: the registry import, Camunda Admin, the REST API, a user editing her own profile.
 */
public class CheckedIdentityProvider extends DbIdentityServiceProvider {

    @Override
    public IdentityOperationResult saveUser(User user) {
        check("名", "first name", user.getFirstName());
        check("姓", "last name", user.getLastName());
        if (user.getEmail() != null && !user.getEmail().isEmpty() && !PersonFields.isEmail(user.getEmail())) {
            throw new InvalidPerson("邮箱地址无效：" + PersonFields.shown(user.getEmail()),
                    "Invalid email address: " + PersonFields.shown(user.getEmail()));
        }
        return super.saveUser(user);
    }

    private static void check(String zh, String en, String value) {
        PersonFields.Problem problem = PersonFields.nameProblem(value);
        if (problem != null) {
            throw new InvalidPerson("用户的" + zh + problem.zh(), "The user's " + en + " " + problem.en());
        }
    }

    /** A user's name or address the application does not store (400). */
    static final class InvalidPerson extends ApiException {

        InvalidPerson(String zh, String en) {
            super(HttpStatus.BAD_REQUEST, zh, en);
        }
    }
}
