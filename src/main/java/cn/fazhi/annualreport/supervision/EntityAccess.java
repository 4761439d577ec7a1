package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** One entity as the caller may reach it on the desk: read (404 otherwise) or supervised (403 otherwise). */
@Component
class EntityAccess {

    private final EntityRegistry registry;

    EntityAccess(EntityRegistry registry) {
        this.registry = registry;
    }

    /** The entity if the caller reads its cases; 404 if it does not exist or the caller may not read it. */
    ReportingEntity readable(Viewer viewer, String entityCode) {
        ReportingEntity entity = registry.find(entityCode).orElse(null);
        if (entity == null || !(viewer.members().contains(entity.code()) || viewer.supervises(chain(entity)))) {
            throw SupervisionException.notFound("未找到该单位，或无权查看：" + Shown.value(entityCode),
                    "No such entity that you may read: " + Shown.value(entityCode));
        }
        return entity;
    }

    /** The entity if the caller supervises it (its owners, the owners above it, administrators); 403 otherwise. */
    ReportingEntity supervised(Viewer viewer, String entityCode) {
        ReportingEntity entity = readable(viewer, entityCode);
        if (!viewer.supervises(chain(entity))) {
            throw new SupervisionException(HttpStatus.FORBIDDEN, "只有牵头部门和上级督办机构可以催办",
                    "Only the entity's owners and the supervising offices above it may urge");
        }
        return entity;
    }

    boolean supervises(Viewer viewer, ReportingEntity entity) {
        return viewer.supervises(chain(entity));
    }

    /** The entity's code and those of the governments above it, nearest first. */
    private List<String> chain(ReportingEntity entity) {
        List<String> chain = new ArrayList<>(List.of(entity.code()));
        registry.ancestorsOf(entity).forEach(a -> chain.add(a.code()));
        return chain;
    }
}
