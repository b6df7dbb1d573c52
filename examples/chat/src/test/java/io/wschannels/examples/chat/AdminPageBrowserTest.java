package io.wschannels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.Upgrade;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in headless Chromium, on the chat example's server with an admin token: it asks
 * for the token, refuses another, and then shows what a scripted scenario made (two chat pages in
 * the room lobby, three messages, a page from a foreign origin refused), the same values as the JSON it reads.
 * Writes a screenshot to target/screenshots/admin.png.
 */
class AdminPageBrowserTest {

    private static final String TOKEN = "chat-admin-token-4f9c2a";

    @TempDir
    static Path profiles;

    @RegisterExtension
    static final RunningServer server =
            RunningServer.with(builder -> builder.staticFiles("web").admin(TOKEN));

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

    @Test
    void theAdminPageShowsConnectionsRoomsAndRefusalsOnlyWithTheToken() throws Exception {
        WebDriver ann = pages.join(server.port(), "lobby", "ann");
        ChatPages.awaitState(ann, "open");
        WebDriver bob = pages.join(server.port(), "lobby", "bob");
        ChatPages.awaitState(bob, "open");
        for (int i = 1; i <= 3; i++) {
            ann.findElement(By.id("text")).sendKeys("message " + i);
            ann.findElement(By.cssSelector("#send button")).click();
        }
        ChatPages.awaitMessage(bob, "message 3");
        Upgrade.Answer foreign = Upgrade.request(
                URI.create("ws://localhost:" + server.port() + "/chat/lobby"),
                Map.of("Origin", "https://evil.example.com"));
        assertEquals(403, foreign.status(), foreign.toString());

        WebDriver admin = pages.browser();
        admin.get("http://localhost:" + server.port() + "/wschannels/admin.html");
        awaitState(admin, "unauthorized");
        admin.findElement(By.id("token")).sendKeys("not-the-admin-token");
        admin.findElement(By.cssSelector("#login button")).click();
        awaitState(admin, "forbidden");
        admin.findElement(By.id("token")).clear();
        admin.findElement(By.id("token")).sendKeys(TOKEN);
        admin.findElement(By.cssSelector("#login button")).click();
        awaitState(admin, "ok");
        assertTrue(admin.findElement(By.id("login")).getAttribute("hidden") != null, "the form is gone");

        WebDriverWait wait = new WebDriverWait(admin, ChatPages.WAIT);
        String route = "/chat/{room_id}";
        wait.until(ExpectedConditions.textToBe(field("#channels", "route", route, "connections"), "2"));
        wait.until(ExpectedConditions.textToBe(field("#rooms", "room", "lobby", "members"), "2"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#refusals tr[data-reason='origin']")));
        assertTrue(admin.findElement(By.cssSelector("#refusals tr[data-reason='origin']"))
                .getText()
                .contains("https://evil.example.com"));

        // The page shows what the JSON says, read now that the scenario is quiet.
        JsonObject channel = view().getJsonArray("channels").getJsonObject(0);
        assertEquals(route, channel.getString("route"));
        assertEquals(2, channel.getInt("connections"));
        assertEquals(1, channel.getJsonObject("refused").getInt("origin"));
        wait.until(ExpectedConditions.textToBe(
                field("#channels", "route", route, "messagesReceived"),
                String.valueOf(channel.getJsonNumber("messagesReceived").longValue())));
        wait.until(ExpectedConditions.textToBe(
                field("#channels", "route", route, "messagesSent"),
                String.valueOf(channel.getJsonNumber("messagesSent").longValue())));
        assertTrue(channel.getJsonNumber("messagesReceived").longValue() >= 3, channel::toString);
        // From the second reading on, the page shows rates; quiet now, they are zero.
        wait.until(ExpectedConditions.textToBe(field("#channels", "route", route, "receivedRate"), "0.0"));
        screenshot(admin);
    }

    private static By field(String table, String key, String value, String field) {
        return By.cssSelector(table + " tr[data-" + key + "='" + value + "'] td[data-field='" + field + "']");
    }

    private static void awaitState(WebDriver page, String state) {
        new WebDriverWait(page, ChatPages.WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", state));
    }

    private static JsonObject view() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + server.port() + "/wschannels/admin.json"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private static void screenshot(WebDriver page) throws Exception {
        File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", "admin.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
