package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.security.SystemCall;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * A person's name as records and mails show it: the whole 姓名 in one piece (e.g. 李法明), for a user id or a Camunda
 * user. Camunda stores it in the user's first name with an empty last name, since its webapps show
 * "firstName lastName" (Tasklist's header and assignee, Cockpit, Admin) — a name split into 名 and 姓 would read
 * "法明 李". {@link #normalize} puts every written user into that shape.
 */
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

    /** "姓名（id）", as the archive and records name a person; the id alone for someone no longer registered. */
    public String withId(String userId) {
        if (userId == null || userId.isEmpty()) {
            return userId;
        }
        String name = of(userId);
        return name == null || name.equals(userId) ? userId : name + "（" + userId + "）";
    }

    /** The user's full name (also of a user still stored split into 姓 and 名), or the id if the user has no name. */
    public static String of(User user) {
        String name = whole(user.getFirstName(), user.getLastName());
        return name.isBlank() ? user.getId() : name;
    }

    /**
     * Puts the whole name into the first name and leaves the last name empty: a Chinese name given as 姓 (last) and
     * 名 (first) is joined 姓 + 名 without a space ("李" + "法明" = 李法明; "王" + "王晓明" stays 王晓明), any other as
     * "first last".
     */
    static void normalize(User user) {
        user.setFirstName(whole(user.getFirstName(), user.getLastName()));
        user.setLastName("");
    }

    /** Whether a user is stored in the shape {@link #normalize} gives. */
    static boolean isNormal(User user) {
        return user.getLastName() != null && user.getLastName().isEmpty() && user.getFirstName() != null
                && user.getFirstName().equals(user.getFirstName().strip());
    }

    private static String whole(String first, String last) {
        String f = first == null ? "" : first.strip();
        String l = last == null ? "" : last.strip();
        if (f.isEmpty() || l.isEmpty() || f.equals(l)) {
            return f.isEmpty() ? l : f; // Camunda's default admin is "Admin" "Admin"
        }
        if (chinese(l) && chinese(f)) {
            // 姓 sent beside a 名 that already is the whole name (王 + 王晓明, a client still splitting names): once
            return f.length() > l.length() && f.startsWith(l) ? f : l + f;
        }
        return f + " " + l;
    }

    /** Han characters and the middle dot of transcribed names (e.g. 阿依古丽·买买提). */
    private static boolean chinese(String s) {
        return s.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || c == '·' || c == '•');
    }
}
