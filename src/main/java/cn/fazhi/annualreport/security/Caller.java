package cn.fazhi.annualreport.security;

import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** Who the gate let in: a Camunda user with their groups and tenants, by HTTP Basic or by the webapps' login session. */
final class Caller extends AbstractAuthenticationToken {

    /** How the caller proved who they are. */
    enum Channel { BASIC, SESSION }

    private final String userId;
    private final List<String> groups;
    private final List<String> tenants;
    private final Channel channel;

    Caller(String userId, List<String> groups, List<String> tenants, Channel channel) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.userId = userId;
        this.groups = List.copyOf(groups);
        this.tenants = List.copyOf(tenants);
        this.channel = channel;
        setAuthenticated(true);
    }

    String userId() {
        return userId;
    }

    List<String> groups() {
        return groups;
    }

    List<String> tenants() {
        return tenants;
    }

    Channel channel() {
        return channel;
    }

    boolean admin() {
        return groups.contains(Groups.CAMUNDA_ADMIN);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return userId;
    }
}
