package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.api.QueryParameters;
import cn.fazhi.annualreport.api.Shown;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/mail-log}: the mail log, newest attempt first, filtered by recipient (address or user id),
 * businessKey, taskId, processInstanceId, status (SENT / FAILED / SENDING), kind, at most {@code limit} rows (default
 * 100, at most 1000); any other parameter, or one given twice, is refused. Camunda administrators see every row;
 * anybody else sees the mails addressed to her and the mails of the cases the engine lets her read.
 */
@RestController
class MailLogController {

    private static final Set<String> STATUSES = Set.of(MailLog.SENT, MailLog.FAILED, MailLog.SENDING);
    private static final int MAX_TEXT = 255;
    private static final Set<String> PARAMETERS = Set.of("recipient", "businessKey", "taskId", "processInstanceId",
            "status", "kind", "limit");

    private final MailLog mailLog;
    private final IdentityService identityService;
    private final HistoryService historyService;
    private final ProcessEngine engine;

    MailLogController(MailLog mailLog, IdentityService identityService, HistoryService historyService,
                      ProcessEngine engine) {
        this.mailLog = mailLog;
        this.identityService = identityService;
        this.historyService = historyService;
        this.engine = engine;
    }

    @GetMapping("/api/mail-log")
    List<MailLogEntry> list(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters p = QueryParameters.of(parameters, PARAMETERS);
        MailLogQuery query = new MailLogQuery(text("recipient", p.get("recipient")),
                text("businessKey", p.get("businessKey")), text("taskId", p.get("taskId")),
                text("processInstanceId", p.get("processInstanceId")), status(p.get("status")), kind(p.get("kind")),
                limit(p.get("limit")));
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null) {
            throw MailLogRequestException.unauthenticated();
        }
        if (isAdmin(caller)) {
            return mailLog.search(query);
        }
        return mailLog.search(query, caller.getUserId(), readableInstances(query));
    }

    private boolean isAdmin(Authentication caller) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<String> adminUsers = config.getAdminUsers() == null ? List.of() : config.getAdminUsers();
        List<String> adminGroups = config.getAdminGroups() == null ? List.of() : config.getAdminGroups();
        return adminUsers.contains(caller.getUserId())
                || (caller.getGroupIds() != null && caller.getGroupIds().stream().anyMatch(adminGroups::contains));
    }

    /** The process instances whose history the caller may read: the engine applies her authorizations. */
    private Set<String> readableInstances(MailLogQuery query) {
        HistoricProcessInstanceQuery instances = historyService.createHistoricProcessInstanceQuery();
        if (query.businessKey() != null) {
            instances.processInstanceBusinessKey(query.businessKey());
        }
        if (query.processInstanceId() != null) {
            instances.processInstanceId(query.processInstanceId());
        }
        return instances.list().stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    }

    private static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw MailLogRequestException.badParameter("参数" + name + "过长（最多" + MAX_TEXT + "个字符）",
                    "Parameter " + name + " is too long (at most " + MAX_TEXT + " characters)");
        }
        return value.trim();
    }

    private static String status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String status = value.trim().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw MailLogRequestException.badParameter("参数status只能是SENT、FAILED或SENDING：" + Shown.value(value),
                    "Parameter status must be SENT, FAILED or SENDING: " + Shown.value(value));
        }
        return status;
    }

    private static String kind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String kind = value.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(NoticeKind.values()).noneMatch(k -> k.name().equals(kind))) {
            String known = Arrays.stream(NoticeKind.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw MailLogRequestException.badParameter("参数kind不正确（可选：" + known + "）：" + Shown.value(value),
                    "Parameter kind must be one of " + known + ": " + Shown.value(value));
        }
        return kind;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return MailLogQuery.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MailLogQuery.MAX_LIMIT) {
            throw MailLogRequestException.badParameter(
                    "参数limit须为1到" + MailLogQuery.MAX_LIMIT + "之间的整数：" + Shown.value(value),
                    "Parameter limit must be a whole number from 1 to " + MailLogQuery.MAX_LIMIT + ": "
                            + Shown.value(value));
        }
        return limit;
    }
}
