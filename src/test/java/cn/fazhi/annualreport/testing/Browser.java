package cn.fazhi.annualreport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven by its chromium-driver, in Chinese, as a clerk uses the app: logs in on Tasklist's page
 * and reads what the screen shows. Nothing is downloaded: both binaries must be installed (.ci/run installs them).
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("browser.driver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;

    public Browser(int port) {
        this(port, "zh-CN");
    }

    /** A browser whose first language is the given one (e.g. "en-US"), to check what stays English. */
    public Browser(int port, String language) {
        assertThat(new File(CHROMIUM).canExecute()).as("Debian's chromium at " + CHROMIUM + " (apt install chromium chromium-driver)").isTrue();
        assertThat(new File(DRIVER).canExecute()).as("Debian's chromium-driver at " + DRIVER + " (apt install chromium-driver)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=" + language, "--window-size=1400,1000");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language + "," + language.split("-")[0]));
        // a Chinese clerk's browser runs on Beijing time, whatever the machine's zone
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .withEnvironment(Map.of("TZ", "Asia/Shanghai")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://localhost:" + port;
    }

    /**
     * Sets this browser's clock to the engine's ({@code ClockUtil}), from the next page on, so that relative and overdue
     * dates on screen are those of the moment the test plays; the clock then runs on in real time.
     */
    public Browser clockAt(Instant now) {
        String script = "(() => { const shift = " + now.toEpochMilli() + " - Date.now(); const Real = Date;"
                + " class Shifted extends Real { constructor(...a) { if (a.length === 0) { super(Real.now() + shift); }"
                + " else { super(...a); } } static now() { return Real.now() + shift; } }"
                + " window.Date = Shifted; })();";
        ((ChromiumDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", script));
        return this;
    }

    /** Saves what the screen shows as target/browser-screenshots/{name}.png, to inspect a failing run. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "browser-screenshots");
            Files.createDirectories(dir);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text the page shows now (what a person can read, not hidden elements). */
    public String visibleText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Runs a script in the page and answers its result. */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Logs in on Tasklist's login page and waits for the task list. */
    public Browser login(String user, String password) {
        open("/camunda/app/tasklist/default/");
        WebElement name = waitFor(By.cssSelector("input[ng-model=username]"));
        name.sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.cssSelector("nav.cam-nav.app-menu li.account"));
        return this;
    }

    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains the words. */
    public WebElement waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public String text(By by) {
        return driver.findElement(by).getText();
    }

    /** Scrolls the element to the middle of the window, as a person would, and clicks it. */
    public void click(By by) {
        WebElement element = waitFor(by);
        script("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Answers the page's confirmation dialog (window.confirm) with OK. */
    public void confirm() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** The text the page shows inside a frame (e.g. a mail's HTML framed by the mail page). */
    public String frameText(By frame) {
        driver.switchTo().frame(waitFor(frame));
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.isBlank() ? null : text;
            });
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** The login session's cookies as a Cookie header, to fetch what a link downloads as this user. */
    public String cookieHeader() {
        return driver.manage().getCookies().stream().map(Cookie::toString).map(c -> c.split(";")[0])
                .collect(Collectors.joining("; "));
    }

    public String lang() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return navigator.language"))
                .toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
