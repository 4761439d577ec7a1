package cn.fazhi.annualreport.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Authorization checks take the caller's groups as they are, instead of first reading every group that holds a grant.
 *
 * <p>Camunda's {@link AuthorizationManager#filterAuthenticatedGroupIds} intersects the caller's groups with
 * {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}, read into a set once per engine command, to shorten the
 * groups in the checks' {@code GROUP_ID_ IN (…)}. With a national registry about 200,000 groups hold grants: the
 * benchmark found 90 % of a Tasklist list's time in that read and its copies (issue 16: 0.3 s with 3,300 entities,
 * 1.6 s with 11,000). A group without a grant matches no authorization row, so leaving it in the list changes no
 * answer; the caller's groups are a handful (an entity's roles).
 */
@Component
class CallerGroupsAuthorization extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = new ArrayList<>();
        if (configuration.getCustomSessionFactories() != null) {
            factories.addAll(configuration.getCustomSessionFactories());
        }
        factories.add(new Factory());
        configuration.setCustomSessionFactories(factories);
    }

    /** Opens {@link CallerGroups} as the engine's authorization manager (custom factories replace the defaults). */
    static final class Factory implements SessionFactory {

        @Override
        public Class<?> getSessionType() {
            return AuthorizationManager.class;
        }

        @Override
        public Session openSession() {
            return new CallerGroups();
        }
    }

    /** The engine's authorization manager, with the caller's own groups in its checks. */
    static final class CallerGroups extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
                return Collections.emptyList();
            }
            return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
        }
    }
}
