package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.Role;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** A case request the rules refuse: unknown entity (404), bad year or date (400), case already exists (409). */
public class ReportRequestException extends ApiException {

    private ReportRequestException(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    static ReportRequestException unknownEntity(String code) {
        return new ReportRequestException(HttpStatus.NOT_FOUND, "未知的报告单位：" + Shown.value(code),
                "Unknown reporting entity: " + Shown.value(code));
    }

    static ReportRequestException invalid(String zh, String en) {
        return new ReportRequestException(HttpStatus.BAD_REQUEST, zh, en);
    }

    static ReportRequestException alreadyExists(String entity, int year) {
        return new ReportRequestException(HttpStatus.CONFLICT,
                "该单位" + year + "年度的报告案件已存在：" + entity, "A case for " + entity + " and " + year + " exists already");
    }

    static ReportRequestException conflict(String zh, String en) {
        return new ReportRequestException(HttpStatus.CONFLICT, zh, en);
    }

    static ReportRequestException forbidden(String zh, String en) {
        return new ReportRequestException(HttpStatus.FORBIDDEN, zh, en);
    }

    static ReportRequestException notFound(String entity, int year) {
        return new ReportRequestException(HttpStatus.NOT_FOUND,
                "未找到该单位" + year + "年度的报告案件（或无权查看）：" + Shown.value(entity),
                "No case for " + Shown.value(entity) + " and " + year + " (or you may not see it)");
    }

    static ReportRequestException notFoundVersion(String entity, int year, int version) {
        return new ReportRequestException(HttpStatus.NOT_FOUND,
                "该单位" + year + "年度报告没有第" + version + "版报告稿：" + Shown.value(entity),
                "The " + year + " report of " + Shown.value(entity) + " has no draft version " + version);
    }

    static ReportRequestException noArchive(String entity, int year) {
        return new ReportRequestException(HttpStatus.NOT_FOUND,
                "该单位" + year + "年度的报告案件没有归档包（案件在归档功能上线前已办结）：" + Shown.value(entity),
                "The " + year + " case of " + Shown.value(entity) + " has no archive (it ended before archives were"
                        + " kept)");
    }

    static ReportRequestException noIssuedReport(String entity, int year) {
        return new ReportRequestException(HttpStatus.NOT_FOUND,
                "该单位" + year + "年度报告尚未上传盖章版正式文本：" + Shown.value(entity),
                "No issued (sealed) report was uploaded for the " + year + " report of " + Shown.value(entity));
    }

    static ReportRequestException notFoundMaterialTask(String taskId) {
        return new ReportRequestException(HttpStatus.NOT_FOUND, "未找到该部门材料任务（或无权查看）：" + Shown.value(taskId),
                "No department material task " + Shown.value(taskId) + " (or you may not see it)");
    }

    static ReportRequestException notFoundMaterial(String entity, int year, String department, Integer version) {
        String which = version == null ? "材料" : "第" + version + "版材料（或该版没有附件）";
        return new ReportRequestException(HttpStatus.NOT_FOUND,
                "该单位" + year + "年度报告没有该部门的" + which + "：" + Shown.value(department),
                "The " + year + " case of " + Shown.value(entity) + " has no " + (version == null ? "" : "version "
                        + version + " of ") + Shown.value(department) + "'s material"
                        + (version == null ? "" : " (or it has no attachment)"));
    }

    /** A case whose tasks would reach nobody: roles of the entity without a single member (409, as a launch skips). */
    static ReportRequestException unstaffed(String entity, List<Role> missing) {
        return new ReportRequestException(HttpStatus.CONFLICT,
                "该单位以下岗位在单位名录中没有人员，案件启动后将无人办理，请先补充人员：" + missing.stream()
                        .map(Role::labelZh).collect(Collectors.joining("、")) + "（" + Shown.value(entity) + "）",
                "Nobody holds these roles of " + Shown.value(entity) + ", so the case's tasks would reach nobody; add"
                        + " people to the registry first: " + missing.stream().map(r -> r.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
