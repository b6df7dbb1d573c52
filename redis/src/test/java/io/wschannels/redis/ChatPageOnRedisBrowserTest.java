package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.examples.chat.ChatChannel;
import io.wschannels.examples.chat.ChatPages;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RedisServer;
import io.wschannels.tyrus.ChannelServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The chat page in headless Chromium on two servers sharing a Redis: a page whose server restarts
 * gets, once it is back, everything said meanwhile on the other server, from the room's history in
 * Redis (with history in memory it could only say that messages may be missing).
 */
class ChatPageOnRedisBrowserTest {

    @TempDir
    static Path profiles;

    private static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        ChatPages.assertInstalled();
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private static ChannelServer server(int port) throws Exception {
        System.setProperty(RedisTransport.URL, redis.url());
        try {
            return ChannelServer.builder()
                    .port(port)
                    .beanClasses(ChatChannel.class, RedisTransport.class)
                    .staticFiles("web")
                    .start();
        } finally {
            System.clearProperty(RedisTransport.URL);
        }
    }

    private static void say(ChannelServer server, String room, String text) throws Exception {
        ChatPages.say(server.registry(ChatChannel.class), room, text)
                .toCompletableFuture()
                .get();
    }

    @Test
    void aPageWhoseServerRestartsRecoversWhatWasSaidMeanwhileOnTheOtherServer() throws Exception {
        try (ChannelServer other = server(0);
                ChatPages pages = new ChatPages(profiles)) {
            ChannelServer first = server(0);
            int port = first.port();
            try {
                WebDriver page = pages.join(port, "kept", "fay");
                ChannelServer joined = first;
                Eventually.await(
                        "the page is in the room",
                        () -> joined.registry(ChatChannel.class).count("kept") == 1);
                say(other, "kept", "before");
                ChatPages.awaitMessage(page, "before");
                first.close();
                ChatPages.awaitState(page, "reconnecting");
                for (int i = 1; i <= 3; i++) {
                    say(other, "kept", "while away " + i);
                }
                first = server(port);
                ChatPages.awaitMessage(page, "while away 3");
                assertEquals(
                        List.of("before", "while away 1", "while away 2", "while away 3"), ChatPages.chatTexts(page));
                assertTrue(page.findElements(By.cssSelector("#messages li.gap")).isEmpty(), "nothing missing");
            } finally {
                first.close();
            }
        }
    }
}
