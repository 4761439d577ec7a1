package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Refusals;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.springframework.http.HttpStatus;

/**
 * Camunda's identity service, which stores every user's name in one piece ({@link PersonNames#normalize}) and refuses
 * a user without an id or whose name or mail address breaks {@link PersonFields} — for every write: the registry
 * import, Camunda Admin, the REST API, a user editing her own profile. Installed by {@link IdentityGuardPlugin}.
 */
class CheckedIdentityService extends IdentityServiceImpl {

    @Override
    public void saveUser(User user) {
        saveUser(user, false);
    }

    @Override
    public void saveUser(User user, boolean skipPasswordPolicy) {
        if (user.getId() == null || user.getId().isBlank()) {
            throw Refusals.ofAction(new InvalidPerson("用户账号（id）不能为空", "The user's id is required"));
        }
        PersonNames.normalize(user);
        check("姓名", "name", user.getFirstName());
        if (user.getEmail() != null && !user.getEmail().isEmpty() && !PersonFields.isEmail(user.getEmail())) {
            throw Refusals.ofAction(new InvalidPerson("邮箱地址无效：" + PersonFields.shown(user.getEmail()),
                    "Invalid email address: " + PersonFields.shown(user.getEmail())));
        }
        super.saveUser(user, skipPasswordPolicy);
    }

    private static void check(String zh, String en, String value) {
        PersonFields.Problem problem = PersonFields.nameProblem(value);
        if (problem != null) {
            throw Refusals.ofAction(new InvalidPerson("用户的" + zh + problem.zh(), "The user's " + en + " " + problem.en()));
        }
    }

    /** A user's id, name or address the application does not store (400). */
    static final class InvalidPerson extends ApiException {

        InvalidPerson(String zh, String en) {
            super(HttpStatus.BAD_REQUEST, zh, en);
        }
    }
}
