package cn.fazhi.modulefixture.registry;

/** The registry's API. */
public class Entities {

    public String nameOf(String code) {
        return code;
    }
}
