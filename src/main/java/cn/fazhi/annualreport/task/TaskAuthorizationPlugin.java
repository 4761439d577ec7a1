package cn.fazhi.annualreport.task;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Installs the entity-aware task authorizations ({@link EntityTaskAuthorizationProvider}) in the engine. */
@Component
class TaskAuthorizationPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new EntityTaskAuthorizationProvider());
    }
}
