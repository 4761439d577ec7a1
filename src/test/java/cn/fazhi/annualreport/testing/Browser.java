package cn.fazhi.annualreport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages",
                language + "," + language.split("-")[0]));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://localhost:" + port;
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

    public void click(By by) {
        waitFor(by).click();
    }

    /** Answers the page's confirmation dialog (window.confirm) with OK. */
    public void confirm() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
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
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return navigator.language"))
                .toLowerCase(Locale.ROOT);
    }

    /** Saves what the screen shows as target/browser-screenshots/{name}.png, to inspect a run. */
    public void screenshot(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "browser-screenshots");
            java.nio.file.Files.createDirectories(dir);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(dir.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs a script in the page and answers its result (e.g. a computed style or the page's title). */
    public Object script(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
