package cn.fazhi.annualreport.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * The bare-engine baseline: a process generated with Camunda's model API that has the user tasks, timers and
 * asynchronous steps of the annual-report process's path (bpmn/annual-report.bpmn) — materials per department
 * (parallel multi-instance, with a reminder timer and the interrupting materials deadline), draft, internal review,
 * review gate, issuance, filing per recipient (parallel multi-instance) with the copy and the secrecy review in
 * parallel, publication and its check (asynchronous), the receipt check, archive and the asynchronous archive step —
 * and a non-interrupting reminder cycle timer (leading to an asynchronous reminder step) on every task that has one in
 * the real process. Every service task is a no-op {@link Noop}; there are no listeners, expressions or application
 * delegates. The number of material tasks and of filing tasks per instance are variables {@code m} and {@code r},
 * taken from the real case it mirrors.
 */
final class BareProcess {

    static final String KEY = "bench-bare-annual-report";
    /** A candidate group nobody is a member of: the tasks get identity links, as the real ones do. */
    static final String GROUP = "benchbare";

    private BareProcess() {
    }

    static BpmnModelInstance model() {
        String noop = Noop.class.getName();
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(180)
                .startEvent("start")
                .serviceTask("prepare").camundaClass(noop)
                .exclusiveGateway("hasMaterials")
                .condition("materials", "${m > 0}")
                .userTask("materials").camundaCandidateGroups(GROUP)
                    .multiInstance().parallel().cardinality("${m}").multiInstanceDone()
                .exclusiveGateway("materialsIn")
                .userTask("draft").camundaCandidateGroups(GROUP)
                .userTask("internalReview").camundaCandidateGroups(GROUP)
                .userTask("gate").camundaCandidateGroups(GROUP)
                .userTask("issue").camundaCandidateGroups(GROUP)
                .parallelGateway("fork")
                .userTask("file").camundaCandidateGroups(GROUP)
                    .multiInstance().parallel().cardinality("${r}").multiInstanceDone()
                .parallelGateway("filed")
                .serviceTask("checkReceipts").camundaClass(noop)
                .parallelGateway("join")
                .userTask("archive").camundaCandidateGroups(GROUP)
                .serviceTask("archiveCase").camundaAsyncBefore().camundaClass(noop)
                .endEvent("end")
                .moveToNode("fork").userTask("copy").camundaCandidateGroups(GROUP).connectTo("filed")
                .moveToNode("fork").userTask("secrecy").camundaCandidateGroups(GROUP)
                .serviceTask("publish").camundaAsyncBefore().camundaClass(noop)
                .serviceTask("checkPublication").camundaAsyncBefore().camundaClass(noop)
                .connectTo("join")
                .moveToNode("hasMaterials").condition("no materials", "${m == 0}").connectTo("materialsIn")
                .done();
        for (String task : new String[] {"materials", "draft", "internalReview", "gate", "issue", "file", "copy",
                "secrecy"}) {
            model.<UserTask>getModelElementById(task).builder()
                    .boundaryEvent(task + "Reminder").cancelActivity(false).timerWithCycle("R5/P300D")
                    .serviceTask("remind_" + task).camundaAsyncBefore().camundaClass(noop)
                    .endEvent(task + "Reminded");
        }
        model.<UserTask>getModelElementById("materials").builder()
                .boundaryEvent("materialsDeadline").timerWithDuration("P300D").connectTo("materialsIn");
        return model;
    }

    /** Does nothing. */
    public static class Noop implements JavaDelegate {

        @Override
        public void execute(DelegateExecution execution) {
            // the baseline's service tasks cost only what the engine spends on them
        }
    }
}
