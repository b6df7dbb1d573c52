package io.wschannels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chat pages in headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs),
 * and what a test reads from them; closing quits every browser it started.
 */
public final class ChatPages implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final Path profiles;
    private final List<WebDriver> browsers = new ArrayList<>();

    /** @param profiles where each browser gets a profile directory of its own */
    public ChatPages(Path profiles) {
        this.profiles = profiles;
    }

    /** Fails at once, saying what to install, where Chromium is missing. */
    public static void assertInstalled() {
        assertTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "The browser tests need Debian's"
                        + " chromium and chromium-driver packages (apt-get install chromium chromium-driver; .ci/run"
                        + " does it)");
    }

    public WebDriver browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=900,800",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        return browser;
    }

    /** Opens the chat page served on {@code port} and joins a room as someone. */
    public WebDriver join(int port, String room, String name) throws Exception {
        WebDriver page = browser();
        page.get("http://localhost:" + port + "/?room=" + room + "&name=" + name);
        page.findElement(By.id("join-button")).click();
        return page;
    }

    public static void awaitState(WebDriver page, String state) {
        new WebDriverWait(page, WAIT).until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", state));
    }

    public static WebElement awaitMessage(WebDriver page, String text) {
        return new WebDriverWait(page, WAIT)
                .until(driver -> driver.findElements(By.cssSelector("#messages li.chat")).stream()
                        .filter(li ->
                                li.findElement(By.className("text")).getText().equals(text))
                        .findFirst()
                        .orElse(null));
    }

    /** The chat messages the page shows, in order. */
    public static List<String> chatTexts(WebDriver page) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) ((JavascriptExecutor) page)
                .executeScript("return [...document.querySelectorAll('#messages li.chat .text')]"
                        + ".map((e) => e.textContent);");
        return texts;
    }

    /** A chat message from a bot to a room, as server code would broadcast it; its delivery. */
    public static CompletionStage<Delivery> say(Registry<ChatChannel> chat, String room, String text) {
        return chat.room(room)
                .broadcastJson(Map.of(
                        "type",
                        "chat_message",
                        "user_id",
                        "bot",
                        "message",
                        text,
                        "timestamp",
                        Instant.now().toString()));
    }

    @Override
    public void close() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }
}
