package cn.fazhi.annualreport.organization;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Installs the {@link CheckedIdentityService} as the engine's identity service. */
@Component
class IdentityGuardPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityService(new CheckedIdentityService());
    }
}
