package io.wschannels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): two pages chat and see each other type, survive a server restart by themselves
 * without losing what was typed meanwhile, and a refused page says why. A page whose network is cut
 * during a burst shows all of it after it reconnects (the room's history); one back after a restart,
 * which loses the history kept in memory, says that messages may be missing. Writes a screenshot to
 * target/screenshots/chat.png.
 */
class ChatPageBrowserTest {

    private static final Duration WAIT = ChatPages.WAIT;

    @TempDir
    static Path profiles;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder -> builder.staticFiles("web"));

    private ChatPages pages;

    @BeforeAll
    static void browserInstalled() {
        ChatPages.assertInstalled();
    }

    @BeforeEach
    void open() {
        pages = new ChatPages(profiles);
    }

    @AfterEach
    void quit() {
        pages.close();
    }

    private WebDriver browser() throws Exception {
        return pages.browser();
    }

    /** Opens the page and joins a room as someone. */
    private WebDriver join(String room, String name) throws Exception {
        return pages.join(server.port(), room, name);
    }

    private static void awaitState(WebDriver page, String state) {
        ChatPages.awaitState(page, state);
    }

    private static WebElement awaitMessage(WebDriver page, String text) {
        return ChatPages.awaitMessage(page, text);
    }

    private static void say(WebDriver page, String text) {
        WebElement input = page.findElement(By.id("text"));
        input.sendKeys(text);
        page.findElement(By.cssSelector("#send button")).click();
    }

    @Test
    void twoPagesChatSeeEachOtherTypingAndCarryOnAfterTheServerRestarts() throws Exception {
        WebDriver ann = join("e2e", "ann");
        awaitState(ann, "open");
        WebDriver bob = join("e2e", "bob");
        awaitState(bob, "open");
        new WebDriverWait(ann, WAIT).until(ExpectedConditions.textToBe(By.id("count"), "2 people here"));

        bob.findElement(By.id("text")).sendKeys("typing…");
        new WebDriverWait(ann, WAIT).until(ExpectedConditions.textToBe(By.id("typing"), "bob is typing…"));
        bob.findElement(By.id("text")).clear();
        say(ann, "Hello Bob!");
        assertEquals(
                "ann",
                awaitMessage(bob, "Hello Bob!").findElement(By.className("who")).getText());
        say(bob, "Hi Ann!");
        awaitMessage(ann, "Hi Ann!");
        screenshot(ann);

        // The server goes away; both pages notice and keep trying by themselves.
        server.stop();
        awaitState(ann, "reconnecting");
        awaitState(bob, "reconnecting");
        say(ann, "Are you still there?"); // typed while away: kept, marked, sent once back
        assertTrue(ann.findElement(By.cssSelector("#messages li.pending"))
                .getText()
                .contains("Are you still there?"));

        server.startAgain();
        awaitState(ann, "open");
        // Sent as soon as Ann was back: the room echoes it to her (Bob sees it only if he was back
        // first; the chat keeps no history), and it is no longer marked pending.
        awaitMessage(ann, "Are you still there?");
        assertTrue(ann.findElements(By.cssSelector("#messages li.pending")).isEmpty(), "delivered, no longer pending");
        awaitState(bob, "open");
        new WebDriverWait(ann, WAIT).until(ExpectedConditions.textToBe(By.id("count"), "2 people here"));
        say(bob, "Still here.");
        awaitMessage(ann, "Still here.");
        say(ann, "Good.");
        awaitMessage(bob, "Good.");
    }

    @Test
    void aRefusedPageSaysWhyAndDoesNotRetry() throws Exception {
        WebDriver page = browser();
        page.get("http://localhost:" + server.port() + "/?name=cyd");
        // The form allows only valid names; a page that lets a bad one through meets the server's refusal.
        ((JavascriptExecutor) page)
                .executeScript("const room = document.getElementById('room');"
                        + " room.removeAttribute('pattern'); room.value = 'no spaces please';");
        page.findElement(By.id("join-button")).click();
        awaitState(page, "refused");
        assertEquals(
                "refused: Invalid room name: use 1 to 40 letters, digits or - . _ ~",
                page.findElement(By.id("state")).getText());
        // Well past the first reconnect delays: still refused, never connected again.
        new WebDriverWait(page, Duration.ofSeconds(3))
                .pollingEvery(Duration.ofMillis(500))
                .until(driver -> {
                    assertEquals("refused", driver.findElement(By.id("state")).getAttribute("data-state"));
                    return ((JavascriptExecutor) driver).executeScript("return performance.now() > 3000");
                });
        assertEquals(0, server.registry(ChatChannel.class).connections().size());
    }

    private static List<String> chatTexts(WebDriver page) {
        return ChatPages.chatTexts(page);
    }

    /** The page's connection has joined the room (the socket opens before onConnect has run). */
    private static void awaitInRoom(String room) {
        Eventually.await(
                "the page is in room " + room,
                () -> server.registry(ChatChannel.class).count(room) == 1);
    }

    private static void say(String room, String text) {
        ChatPages.say(server.registry(ChatChannel.class), room, text);
    }

    @Test
    void aPageCutOffDuringABurstShowsAllOfItInOrderOnceAfterItReconnects() throws Exception {
        try (CuttableProxy network = new CuttableProxy(server.port())) {
            WebDriver page = browser();
            page.get("http://localhost:" + network.port() + "/?room=burst&name=dee");
            page.findElement(By.id("join-button")).click();
            awaitInRoom("burst");
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sent = new AtomicInteger();
            try {
                publisher.scheduleAtFixedRate(
                        () -> {
                            if (sent.get() < 100) {
                                say("burst", "m" + sent.incrementAndGet());
                            }
                        },
                        0,
                        25,
                        TimeUnit.MILLISECONDS);
                new WebDriverWait(page, WAIT).until(driver -> chatTexts(driver).size() >= 20);
                network.cut(); // for two seconds, in the middle of the burst
                awaitState(page, "reconnecting");
                publisher.schedule(network::restore, 2, TimeUnit.SECONDS);
                new WebDriverWait(page, WAIT).until(driver -> chatTexts(driver).contains("m100"));
            } finally {
                publisher.shutdownNow();
            }
            List<String> expected =
                    IntStream.rangeClosed(1, 100).mapToObj(i -> "m" + i).toList();
            assertEquals(expected, chatTexts(page), "all of the burst, in order, none twice");
            assertTrue(page.findElements(By.cssSelector("#messages li.gap")).isEmpty(), "nothing was lost");
        }
    }

    @Test
    void aPageBackAfterARestartWithoutSharedHistorySaysMessagesMayBeMissing() throws Exception {
        WebDriver page = join("restart", "eve");
        awaitInRoom("restart");
        say("restart", "before");
        awaitMessage(page, "before");
        server.stop();
        awaitState(page, "reconnecting");
        server.startAgain();
        awaitInRoom("restart");
        WebElement gap = new WebDriverWait(page, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages li.gap")));
        assertEquals("Some messages sent while you were away could not be recovered.", gap.getText());
        say("restart", "after");
        awaitMessage(page, "after");
    }

    private static void screenshot(WebDriver page) throws Exception {
        File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", "chat.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
