package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.Refusals;
import java.util.Collection;
import java.util.function.Supplier;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.RuntimeServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The engine's runtime service, where a person who is not an administrator starts a process only at its start event
 * and with its listeners: a start "before activity X", or one that skips listeners or input mappings, would leave out
 * the case's own first step (the checks and facts of PrepareCaseDelegate). A case that does not exist is a 404. Installed
 * by {@link EngineGuardPlugin}.
 */
class GuardedRuntimeService extends RuntimeServiceImpl {

    private final ProcessEngineConfigurationImpl configuration;

    GuardedRuntimeService(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProcessInstantiationBuilder createProcessInstanceById(String processDefinitionId) {
        return new GuardedInstantiation(this, processDefinitionId, null);
    }

    @Override
    public ProcessInstantiationBuilder createProcessInstanceByKey(String processDefinitionKey) {
        return new GuardedInstantiation(this, null, processDefinitionKey);
    }

    @Override
    public VariableMap getVariablesTyped(String executionId, boolean deserializeValues) {
        return existing(executionId, () -> super.getVariablesTyped(executionId, deserializeValues));
    }

    @Override
    public VariableMap getVariablesTyped(String executionId, Collection<String> variableNames,
                                         boolean deserializeValues) {
        return existing(executionId, () -> super.getVariablesTyped(executionId, variableNames, deserializeValues));
    }

    @Override
    public VariableMap getVariablesLocalTyped(String executionId, boolean deserializeValues) {
        return existing(executionId, () -> super.getVariablesLocalTyped(executionId, deserializeValues));
    }

    @Override
    public <T extends TypedValue> T getVariableTyped(String executionId, String variableName, boolean deserialize) {
        return existing(executionId, () -> super.getVariableTyped(executionId, variableName, deserialize));
    }

    @Override
    public <T extends TypedValue> T getVariableLocalTyped(String executionId, String variableName,
                                                          boolean deserialize) {
        return existing(executionId, () -> super.getVariableLocalTyped(executionId, variableName, deserialize));
    }

    /** A read of a case (an execution) that does not exist is a 404, not the engine's null-value error. */
    private <T> T existing(String executionId, Supplier<T> read) {
        try {
            return read.get();
        } catch (NullValueException e) {
            if (executionId == null || SystemCall.run(configuration.getIdentityService(),
                    () -> createExecutionQuery().executionId(executionId).count()) == 0) {
                throw Refusals.ofAction(GuardRefusal.caseNotFound(executionId));
            }
            throw e;
        }
    }

    private boolean personButNoAdmin() {
        Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
        return caller != null && caller.getUserId() != null
                && (caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN));
    }

    /** Camunda's instantiation, refusing instructions and skipping to people. */
    private static final class GuardedInstantiation extends ProcessInstantiationBuilderImpl {

        private final GuardedRuntimeService service;

        GuardedInstantiation(GuardedRuntimeService service, String processDefinitionId, String processDefinitionKey) {
            super(service.getCommandExecutor());
            this.service = service;
            this.processDefinitionId = processDefinitionId;
            this.processDefinitionKey = processDefinitionKey;
        }

        @Override
        public ProcessInstanceWithVariables executeWithVariablesInReturn(boolean skipCustomListeners,
                                                                         boolean skipIoMappings) {
            boolean instructed = !getModificationBuilder().getModificationOperations().isEmpty();
            if ((skipCustomListeners || skipIoMappings || instructed) && service.personButNoAdmin()) {
                throw Refusals.ofAction(GuardRefusal.startAtKickoffOnly());
            }
            if ((skipCustomListeners || skipIoMappings) && !instructed) {
                throw Refusals.ofAction(GuardRefusal.skippingWithoutInstructions());
            }
            return super.executeWithVariablesInReturn(skipCustomListeners, skipIoMappings);
        }
    }
}
