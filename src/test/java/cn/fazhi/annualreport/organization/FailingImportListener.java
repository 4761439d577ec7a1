package cn.fazhi.annualreport.organization;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The tests' stand-in for any module whose listener fails inside an import (a full disk, a broken grant): it refuses
 * every import of an entity whose code starts with {@code zz-fail}.
 */
@Component
class FailingImportListener {

    @EventListener
    void on(EntitiesImported imported) {
        if (imported.codes().stream().anyMatch(code -> code.startsWith("zz-fail"))) {
            throw new IllegalStateException("the tests' listener refuses zz-fail entities");
        }
    }
}
