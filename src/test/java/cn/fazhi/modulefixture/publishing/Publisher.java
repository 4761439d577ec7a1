package cn.fazhi.modulefixture.publishing;

import cn.fazhi.modulefixture.registry.Entities;

/** Uses a module it declares. */
public class Publisher {

    private final Entities entities = new Entities();

    public String title(String code) {
        return entities.nameOf(code);
    }
}
