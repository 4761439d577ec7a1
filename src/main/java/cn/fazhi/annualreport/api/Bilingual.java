package cn.fazhi.annualreport.api;

/** A line said in Chinese and in English, shown to a reader in their {@link Language}. */
public record Bilingual(String zh, String en) {

    public String in(Language language) {
        return language.pick(zh, en);
    }
}
