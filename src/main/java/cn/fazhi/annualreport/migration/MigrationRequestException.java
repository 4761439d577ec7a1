package cn.fazhi.annualreport.migration;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Bilingual;
import cn.fazhi.annualreport.api.Shown;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A migration request the application refuses: not an administrator (403), bad input or plan (400), unknown (404). */
final class MigrationRequestException extends ApiException {

    private final List<Bilingual> details;

    private MigrationRequestException(HttpStatus status, String zh, String en, List<Bilingual> details) {
        super(status, zh, en);
        this.details = List.copyOf(details);
    }

    static MigrationRequestException adminOnly() {
        return new MigrationRequestException(HttpStatus.FORBIDDEN,
                "只有系统管理员（camunda-admin 组）可以迁移运行中的案件",
                "Only administrators (group camunda-admin) may migrate running cases", List.of());
    }

    static MigrationRequestException invalid(String zh, String en) {
        return new MigrationRequestException(HttpStatus.BAD_REQUEST, zh, en, List.of());
    }

    /** The engine refused the plan: one line per failing instruction (or variable) in {@code details}. */
    static MigrationRequestException invalidPlan(List<Bilingual> failures) {
        return new MigrationRequestException(HttpStatus.BAD_REQUEST,
                "迁移计划无效：" + failures.size() + " 条迁移指令不能执行，见 details",
                "The migration plan is not valid: " + failures.size() + " instruction(s) cannot be applied, see details",
                failures);
    }

    static MigrationRequestException notFound(String zhWhat, String enWhat, String id) {
        return new MigrationRequestException(HttpStatus.NOT_FOUND, "未找到" + zhWhat + "：" + Shown.value(id),
                "No " + enWhat + " " + Shown.value(id), List.of());
    }

    @Override
    public List<Bilingual> details() {
        return details;
    }
}
