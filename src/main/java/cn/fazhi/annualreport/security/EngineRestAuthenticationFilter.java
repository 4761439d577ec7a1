package cn.fazhi.annualreport.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's authentication filter for /engine-rest without its anonymous exceptions: the list of engines
 * ({@code /engine-rest/engine}) and requests to an engine name that does not exist need a login like everything else.
 */
class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
        return true;
    }

    /** An unknown engine name is authenticated against the default engine; the REST API then answers 404 itself. */
    @Override
    protected ProcessEngine getAddressedEngine(String engineName) {
        ProcessEngine engine = super.getAddressedEngine(engineName);
        return engine != null ? engine : super.getAddressedEngine(null); // null: the platform's default engine
    }
}
