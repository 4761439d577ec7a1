package cn.fazhi.modulefixture.reporting;

import cn.fazhi.modulefixture.publishing.Publisher;
import cn.fazhi.modulefixture.registry.Entities;

/** Uses the registry (declared) and the publisher (not declared): the forbidden dependency. */
public class Reports {

    private final Entities entities = new Entities();
    private final Publisher publisher = new Publisher();

    public String title(String code) {
        return entities.nameOf(code) + publisher.title(code);
    }
}
