package cn.fazhi.annualreport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist as a clerk uses it in {@link Browser}: the task list, a task's form, 认领 and 完成, the start dialog;
 * and what a person checks on each screen — Chinese, no error, no stray English — with a screenshot of each.
 */
public final class Tasklist {

    /**
     * Latin words a Chinese screen may show: file types and names, the product's own name in the footer, units. Every
     * other word of three or more Latin letters is English a Chinese clerk should not meet.
     */
    private static final List<String> LATIN_ALLOWED = List.of("Camunda", "Platform", "PDF", "OFD", "docx", "pdf",
            "ofd", "txt", "zip", "CSV", "SHA", "Atom", "xlsx", "Word", "Excel", "WPS", "CST", "GMT", "Asia", "Shanghai", "http", "https",
            "localhost", "html", "example", "org", "Tasklist", "Cockpit", "Admin", "Welcome");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{3,}");

    private final Browser browser;

    public Tasklist(Browser browser) {
        this.browser = browser;
    }

    public Browser browser() {
        return browser;
    }

    /** Clicks the task of this name in the list and waits for its form. */
    public Tasklist open(String taskName) {
        By item = By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[contains(normalize-space(.),'"
                + taskName + "')]");
        // the list re-renders while it refreshes: find the entry again until a click lands
        wait(30).until(d -> {
            List<WebElement> found = d.findElements(item);
            if (found.isEmpty() || !found.get(0).isDisplayed()) {
                return false;
            }
            browser.script("arguments[0].scrollIntoView({block: 'center'});", found.get(0));
            found.get(0).click();
            return true;
        });
        browser.waitForText(By.cssSelector(".task-card h2.task"), taskName);
        waitForForm();
        return this;
    }

    /** The list's entry of the task, as it reads (name, process, due and created dates). */
    public String listEntry(String taskName) {
        return browser.waitFor(By.xpath("//ol[contains(@class,'tasks-list')]/li[.//h4[contains(normalize-space(.),'"
                + taskName + "')]]")).getText();
    }

    /** Claims the open task if it is not the person's yet (the form stays read-only until then). */
    public Tasklist claim() {
        List<WebElement> claim = browser.all(By.xpath("//section[contains(@class,'task-card')]//button[normalize-space(.)='认领']"));
        if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
            claim.get(0).click();
            wait(20).until(d -> browser.all(By.xpath("//section[contains(@class,'task-card')]//button[normalize-space(.)='认领']"))
                    .stream().noneMatch(WebElement::isDisplayed));
            waitForForm();
        }
        return this;
    }

    /** Waits until the task's or start form is shown (an embedded form or a Camunda Form). */
    public void waitForForm() {
        wait(30).until(d -> !browser.all(By.cssSelector("form.fjs-form, [cam-tasklist-form] form[name]")).isEmpty()
                && browser.all(By.cssSelector("[cam-tasklist-form] .loader:not(.ng-hide)")).isEmpty());
    }

    /** Types into a Camunda Form's text field, number or text area (by the field's key). */
    public Tasklist type(String key, String text) {
        WebElement field = field(key);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** A Camunda Form's input of this key. */
    public WebElement field(String key) {
        return browser.waitFor(By.cssSelector("[id$='-Field_" + key + "']"));
    }

    /** Types a date (yyyy-MM-dd) into a Camunda Form's date field, as a clerk types it, and leaves the field. */
    public Tasklist date(String key, String date) {
        WebElement input = browser.waitFor(By.cssSelector("input[id*='-Field_" + key + "']"));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), date, Keys.ENTER);
        input.sendKeys(Keys.TAB);
        return this;
    }

    /** Picks the option of a Camunda Form's radio group by its label. */
    public Tasklist choose(String key, String label) {
        browser.click(By.xpath("//label[contains(@for,'-Field_" + key + "-') and contains(normalize-space(.),'"
                + label + "')]"));
        return this;
    }

    /** Types into an embedded form's field (by its element id). */
    public Tasklist typeInto(String id, String text) {
        WebElement field = browser.waitFor(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Sets the longer texts of embedded forms in one go, as pasting does, and lets the form see the change. */
    public Tasklist paste(String id, String text) {
        WebElement field = browser.waitFor(By.id(id));
        browser.script("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, text);
        return this;
    }

    /** Chooses a file in an embedded form's file field. */
    public Tasklist upload(String id, Path file) {
        browser.driver().findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
        return this;
    }

    /** Clicks 完成 and waits until the task has left the list; answers the notices the screen showed meanwhile. */
    public String complete(String taskName) {
        WebElement done = wait(20).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//section[contains(@class,'task-card')]//button[normalize-space(.)='完成']")));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", done);
        done.click();
        wait(30).until(d -> browser.all(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a"))
                .stream().filter(a -> a.getAttribute("href").contains(currentTaskId())).findAny().isEmpty()
                || errorShown());
        assertThat(errorShown()).as("error after completing %s: %s", taskName, notices()).isFalse();
        // the screen confirms it: "“name”已办结。"
        wait(10).until(d -> notices().contains("已办结"));
        return notices();
    }

    /**
     * Clicks 完成 expecting a refusal: answers the red box's text, after checking that it holds no English for this
     * Chinese browser, and saving the screen; the task stays open for the correction.
     */
    public String refusedCompletion(String screen) {
        WebElement done = wait(20).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//section[contains(@class,'task-card')]//button[normalize-space(.)='完成']")));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", done);
        done.click();
        wait(30).until(d -> errorShown());
        String refusal = String.valueOf(browser.script("return Array.from(document.querySelectorAll("
                + "'.notifications .alert-danger, [cam-tasklist-form] .alert-danger'))"
                + ".filter(n => n.offsetParent !== null).map(n => n.innerText).join('\\n');"));
        browser.screenshot(screen);
        assertThat(englishWords(refusal)).as("the refusal %s", refusal).isEmpty();
        browser.script("document.querySelectorAll('.notifications .alert-danger .close').forEach(b => b.click());");
        return refusal;
    }

    private String currentTaskId() {
        Matcher m = Pattern.compile("task=([0-9a-f-]+)").matcher(browser.driver().getCurrentUrl());
        return m.find() ? m.group(1) : "#none#";
    }

    /** The notices (green and red boxes) the screen shows now, one per line. */
    public String notices() {
        return String.valueOf(browser.script("return Array.from(document.querySelectorAll('.notifications .alert'))"
                + ".filter(n => n.offsetParent !== null)"
                + ".map(n => n.innerText.replace(/×|Close/g, '').trim()).join('\\n');"));
    }

    /** Whether a red error box is shown (a notice or the form's own alert). */
    public boolean errorShown() {
        return Boolean.TRUE.equals(browser.script("return Array.from(document.querySelectorAll("
                + "'.notifications .alert-danger, [cam-tasklist-form] .alert-danger'))"
                + ".some(n => n.offsetParent !== null);"));
    }

    /** Opens the start dialog and the process's start form. */
    public Tasklist startForm(String processName) {
        browser.click(By.xpath("//a[contains(normalize-space(.),'启动流程')]"));
        browser.click(By.xpath("//div[contains(@class,'modal-content')]//a[contains(normalize-space(.),'" + processName + "')]"));
        waitForForm();
        return this;
    }

    /** Clicks 启动 in the start dialog and waits for the dialog to close; answers the notices shown. */
    public String start() {
        browser.click(By.cssSelector(".modal-footer button.btn-primary"));
        wait(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
        return notices();
    }

    /**
     * What a person checks on every screen: no red error box, and no English words (other than {@link #LATIN_ALLOWED});
     * saves the screenshot under the name.
     */
    public String check(String screen) {
        browser.screenshot(screen);
        String text = browser.visibleText();
        assertThat(errorShown()).as("%s: an error is shown: %s", screen, notices()).isFalse();
        assertThat(englishWords(text)).as("%s shows English words", screen).isEmpty();
        assertThat(text).as("%s shows Markdown it did not render", screen).doesNotContain("**");
        assertThat(browser.all(By.cssSelector(".ce-eol-banner")).stream().anyMatch(WebElement::isDisplayed))
                .as("%s shows the end-of-life banner", screen).isFalse();
        return text;
    }

    /** The words of three or more Latin letters in the text that are neither allowed nor part of an identifier. */
    static String englishWords(String text) {
        Matcher words = LATIN_WORD.matcher(text);
        StringBuilder english = new StringBuilder();
        while (words.find()) {
            if (!LATIN_ALLOWED.contains(words.group()) && !isIdentifier(text, words.start(), words.end())) {
                english.append(words.group()).append(' ');
            }
        }
        return english.toString();
    }

    /** A word inside a file name, address, version or document number (bayan.owner@…, report.txt) is no English. */
    private static boolean isIdentifier(String text, int start, int end) {
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        return ".@/_-:".indexOf(before) >= 0 || ".@/_-:".indexOf(after) >= 0 || Character.isDigit(before)
                || Character.isDigit(after);
    }

    private WebDriverWait wait(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
