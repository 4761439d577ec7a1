package cn.fazhi.annualreport.task;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Task actions for people and scripts: claim, unclaim, reassign, delegate, resolve, comments and copies. */
@RestController
class TaskController {

    private final TaskActions actions;

    TaskController(TaskActions actions) {
        this.actions = actions;
    }

    @GetMapping("/api/tasks/{id}")
    TaskActions.TaskView get(@PathVariable String id) {
        return actions.get(id);
    }

    @PostMapping("/api/tasks/{id}/claim")
    TaskActions.TaskView claim(@PathVariable String id) {
        return actions.claim(id);
    }

    @PostMapping("/api/tasks/{id}/unclaim")
    TaskActions.TaskView unclaim(@PathVariable String id) {
        return actions.unclaim(id);
    }

    /** 转办: {@code {"userId": "bayan_office"}}. */
    @PostMapping("/api/tasks/{id}/reassign")
    TaskActions.TaskView reassign(@PathVariable String id, @RequestBody UserRequest request) {
        return actions.reassign(id, request.userId());
    }

    /** 委派: {@code {"userId": "…"}}; the delegate resolves, the owner completes. */
    @PostMapping("/api/tasks/{id}/delegate")
    TaskActions.TaskView delegate(@PathVariable String id, @RequestBody UserRequest request) {
        return actions.delegate(id, request.userId());
    }

    /** The delegate hands the task back, optionally with plain values: {@code {"variables": {"delegateNote": "…"}}}. */
    @PostMapping("/api/tasks/{id}/resolve")
    TaskActions.TaskView resolve(@PathVariable String id, @RequestBody(required = false) ResolveRequest request) {
        return actions.resolve(id, request == null ? null : request.variables());
    }

    /** The people the task's history names, with their names (Tasklist's history tab shows them instead of ids). */
    @GetMapping("/api/tasks/{id}/people")
    List<TaskActions.PersonView> people(@PathVariable String id) {
        return actions.people(id);
    }

    @GetMapping("/api/tasks/{id}/comments")
    List<TaskActions.CommentView> comments(@PathVariable String id) {
        return actions.comments(id);
    }

    /** 办理意见: {@code {"message": "…"}}, at most 2,000 characters. */
    @PostMapping("/api/tasks/{id}/comments")
    ResponseEntity<TaskActions.CommentView> comment(@PathVariable String id, @RequestBody CommentRequest request) {
        TaskActions.CommentView comment = actions.comment(id, request.message());
        return ResponseEntity.created(URI.create("/api/tasks/" + id + "/comments")).body(comment);
    }

    /** 抄送: {@code {"userId": "…", "note": "…"}}; the person may then read the case, never work on it. */
    @PostMapping("/api/tasks/{id}/copies")
    ResponseEntity<TaskActions.CopyView> copy(@PathVariable String id, @RequestBody CopyRequest request) {
        TaskActions.CopyView copy = actions.copy(id, request.userId(), request.note());
        return ResponseEntity.created(URI.create("/api/copies")).body(copy);
    }

    /** The cases copied to the caller, newest first. */
    @GetMapping("/api/copies")
    List<TaskActions.CopyView> copies() {
        return actions.copiesToMe();
    }

    /** The user a task goes to. */
    record UserRequest(String userId) {
    }

    /** Plain values the delegate hands back. */
    record ResolveRequest(Map<String, Object> variables) {
    }

    /** The text of a comment. */
    record CommentRequest(String message) {
    }

    /** Whom to copy the case to, and why. */
    record CopyRequest(String userId, String note) {
    }
}
