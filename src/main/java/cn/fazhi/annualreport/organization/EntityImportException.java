package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Bilingual;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A registry file that cannot be imported (400 with every bad line), or an import by someone other than an admin. */
public class EntityImportException extends ApiException {

    private final List<LineError> errors;

    private EntityImportException(HttpStatus status, String zh, String en, List<LineError> errors) {
        super(status, zh, en);
        this.errors = List.copyOf(errors);
    }

    static EntityImportException rejected(List<LineError> errors) {
        List<LineError> sorted = errors.stream().sorted().toList();
        return new EntityImportException(HttpStatus.BAD_REQUEST,
                "单位名录文件有" + sorted.size() + "处错误，未导入任何内容",
                "The registry file has " + sorted.size() + " error(s); nothing was imported", sorted);
    }

    static EntityImportException adminOnly() {
        return new EntityImportException(HttpStatus.FORBIDDEN, "只有系统管理员可以导入或导出单位名录",
                "Only administrators may import or export the registry", List.of());
    }

    /** Every problem found, ordered by line. */
    public List<LineError> errors() {
        return errors;
    }

    @Override
    public List<Bilingual> details() {
        return errors.stream().map(LineError::lines).toList();
    }
}
