package cn.fazhi.annualreport.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What people who are not administrators may call on the engine's REST API — through /engine-rest (scripts, machine
 * clients) and through /camunda/api/engine (Tasklist): the calls Tasklist makes and the documented task and case
 * calls, nothing else. Whether the call then succeeds is the engine's decision (authorizations and the task guard);
 * this list only closes everything else — statistics, history of variables, deployments, jobs, modification,
 * message correlation, BPMN errors, variable writes. Administrators may call everything.
 */
final class EngineApi {

    /**
     * Segments that stand for an id (of a task, case, filter or comment: never one of the REST API's own words such as
     * "statistics" or "report"), a process definition id ({@code key:version:id}), or a name (key, user, variable).
     */
    private static final String ID = "(?!(?:statistics|report|count|suspended|key)$)[A-Za-z0-9_.-]{1,64}";
    private static final String DEFINITION = "[A-Za-z0-9_.-]{1,128}:[0-9]+:[A-Za-z0-9_.-]{1,64}";
    private static final String NAME = "[A-Za-z0-9_.-]{1,128}";

    private static final List<Route> PEOPLE = List.of(
            // tasks: lists, the task, its form and the variables the form shows (the engine narrows them further)
            route("GET POST", "/task"), route("GET POST", "/task/count"),
            route("GET PUT", "/task/{id}"),
            route("GET", "/task/{id}/form"), route("GET", "/task/{id}/deployed-form"),
            route("GET", "/task/{id}/rendered-form"), route("GET", "/task/{id}/form-variables"),
            route("GET", "/task/{id}/variables"), route("GET", "/task/{id}/variables/{name}"),
            route("GET", "/task/{id}/variables/{name}/data"),
            route("GET", "/task/{id}/localVariables"), route("GET", "/task/{id}/localVariables/{name}"),
            // working on a task: claim, give back, hand on, delegate, resolve, complete, comment
            route("POST", "/task/{id}/claim"), route("POST", "/task/{id}/unclaim"),
            route("POST", "/task/{id}/assignee"), route("POST", "/task/{id}/delegate"),
            route("POST", "/task/{id}/resolve"), route("POST", "/task/{id}/complete"),
            route("POST", "/task/{id}/submit-form"),
            route("GET POST", "/task/{id}/identity-links"), route("POST", "/task/{id}/identity-links/delete"),
            route("GET", "/task/{id}/comment"), route("GET", "/task/{id}/comment/{id}"),
            route("POST", "/task/{id}/comment/create"),
            // Tasklist's filters (我的待办, 即将到期, 已逾期)
            route("GET", "/filter"), route("GET", "/filter/count"), route("GET", "/filter/{id}"),
            route("GET POST", "/filter/{id}/list"), route("GET POST", "/filter/{id}/count"),
            route("GET POST", "/filter/{id}/singleResult"),
            // starting a case: the process, its start form, the start
            route("GET", "/process-definition"), route("GET", "/process-definition/count"),
            route("GET", "/process-definition/{definition}"), route("GET", "/process-definition/key/{name}"),
            route("GET", "/process-definition/{definition}/xml"), route("GET", "/process-definition/key/{name}/xml"),
            route("GET", "/process-definition/{definition}/startForm"),
            route("GET", "/process-definition/key/{name}/startForm"),
            route("GET", "/process-definition/{definition}/deployed-start-form"),
            route("GET", "/process-definition/key/{name}/deployed-start-form"),
            route("GET", "/process-definition/{definition}/form-variables"),
            route("GET", "/process-definition/key/{name}/form-variables"),
            route("GET", "/process-definition/{definition}/rendered-form"),
            route("POST", "/process-definition/{definition}/submit-form"),
            route("POST", "/process-definition/key/{name}/submit-form"),
            route("POST", "/process-definition/{definition}/start"),
            route("POST", "/process-definition/key/{name}/start"),
            // the cases the caller may read (per-case authorizations)
            route("GET POST", "/process-instance"), route("GET POST", "/process-instance/count"),
            route("GET", "/process-instance/{id}"), route("GET", "/process-instance/{id}/variables"),
            route("GET", "/process-instance/{id}/variables/{name}"),
            route("GET", "/process-instance/{id}/activity-instances"),
            route("GET POST", "/history/process-instance"), route("GET POST", "/history/process-instance/count"),
            route("GET", "/history/process-instance/{id}"),
            route("GET POST", "/history/task"), route("GET POST", "/history/task/count"),
            route("GET POST", "/history/activity-instance"), route("GET POST", "/history/activity-instance/count"),
            route("GET", "/history/user-operation"), route("GET", "/history/user-operation/count"),
            route("GET", "/history/identity-link-log"), route("GET", "/history/identity-link-log/count"),
            // people and groups (names in task headers, the assignee search), one's own profile and password
            route("GET", "/user"), route("GET", "/user/count"), route("GET", "/user/{name}/profile"),
            route("PUT", "/user/{name}/profile"), route("PUT", "/user/{name}/credentials"),
            route("GET", "/group"), route("GET", "/group/count"), route("GET", "/identity/groups"),
            route("GET POST", "/identity/password-policy"),
            route("GET", "/version"));

    private EngineApi() {
    }

    /**
     * Whether someone who is not an administrator may make this call; {@code path} lies below the engine
     * ({@code /task/…}), normalized, without a trailing slash.
     */
    static boolean allowsPeople(String method, String path) {
        // OPTIONS answers which calls a resource offers the caller (Tasklist asks it of /filter): a read like GET
        String asked = "OPTIONS".equals(method) || "HEAD".equals(method) ? "GET" : method;
        for (Route route : PEOPLE) {
            if (route.methods().contains(asked) && route.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The part of an engine REST path below the engine: {@code /engine-rest/engine/default/task} and
     * {@code /engine-rest/task} are both {@code /task}; {@code ""} for the list of engines.
     */
    static String belowEngine(String pathBelowApi) {
        if (pathBelowApi.equals("/engine") || pathBelowApi.startsWith("/engine/")) {
            int next = pathBelowApi.indexOf('/', "/engine/".length());
            return next < 0 ? "" : pathBelowApi.substring(next);
        }
        return pathBelowApi;
    }

    private static Route route(String methods, String template) {
        String regex = Pattern.quote(template)
                .replace("{id}", "\\E" + ID + "\\Q")
                .replace("{definition}", "\\E" + DEFINITION + "\\Q")
                .replace("{name}", "\\E" + NAME + "\\Q");
        return new Route(List.of(methods.split(" ")), Pattern.compile(regex));
    }

    private record Route(List<String> methods, Pattern path) {
    }
}
