package cn.fazhi.annualreport.security;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * Puts back the Camunda webapps' static runtime delegates (without them Tasklist, Cockpit and Admin, the login
 * included, answer 500) when another context in this test JVM cleared them on closing, as DevProfileStartupTest's does.
 */
final class CamundaWebapps {

    private CamundaWebapps() {
    }

    static void ensureBootstrapped() {
        if (Cockpit.getRuntimeDelegate() == null) {
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        }
        if (Admin.getRuntimeDelegate() == null) {
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        }
        if (Welcome.getRuntimeDelegate() == null) {
            Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        }
    }
}
