package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.tyrus.history.BrieflyKeptChannel;
import io.wschannels.tyrus.history.WidelyKeptChannel;
import io.wschannels.tyrus.invalid.BadLimitsChannel;
import io.wschannels.tyrus.invalid.EdgeHistoryChannel;
import io.wschannels.tyrus.invalid.MalformedRouteChannel;
import io.wschannels.tyrus.invalid.NoRouteChannel;
import io.wschannels.tyrus.invalid.NoUsableConstructorChannel;
import io.wschannels.tyrus.invalid.NotAChannel;
import io.wschannels.tyrus.invalid.Outer;
import io.wschannels.tyrus.invalid.OverHistoryChannel;
import io.wschannels.tyrus.invalid.RegistryUser;
import io.wschannels.tyrus.invalid.RoomByIdChannel;
import io.wschannels.tyrus.invalid.RoomByNameChannel;
import io.wschannels.tyrus.invalid.SharedScopeChannel;
import io.wschannels.tyrus.invalid.UnderHistoryChannel;
import io.wschannels.tyrus.invalid.ValidChannel;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ChannelDeploymentFailureTest {

    private static String failure(Class<?>... classes) throws Exception {
        Exception e = assertThrows(
                Exception.class,
                () -> ChannelServer.builder()
                        .port(0)
                        .beanClasses(classes)
                        .start()
                        .close());
        return e.getMessage();
    }

    @Test
    void everyProblemIsReportedTogetherNamingTheClassesAndTheFix() throws Exception {
        String message = failure(
                ValidChannel.class,
                NoRouteChannel.class,
                MalformedRouteChannel.class,
                RoomByIdChannel.class,
                RoomByNameChannel.class,
                NotAChannel.class,
                SharedScopeChannel.class,
                NoUsableConstructorChannel.class,
                Outer.InnerChannel.class);
        String p = "io.wschannels.tyrus.invalid.";
        assertTrue(message.contains("Channel deployment failed with 7 problems:"), message);
        assertTrue(
                message.contains(p + "NoRouteChannel extends io.wschannels.Channel but has no @Route: annotate it"
                        + " with @Route(\"/path\"), or make it abstract if it is a base class"),
                message);
        assertTrue(
                message.contains(p + "MalformedRouteChannel: @Route route \"chat/{room\" is malformed: it must start"
                        + " with '/', as in \"/chat/{room\"; segment '{room' mixes text and a parameter or has"
                        + " unbalanced"
                        + " braces; a parameter must be a whole segment, such as \"{room_id}\" or \":room_id\""),
                message);
        assertTrue(
                message.contains("Channels " + p + "RoomByIdChannel (@Route(\"/rooms/{id}\")) and " + p
                        + "RoomByNameChannel (@Route(\"/rooms/:name\")) declare equivalent routes: both match"
                        + " /rooms/{id}."
                        + " Give each channel its own route"),
                message);
        assertTrue(
                message.contains(p + "NotAChannel has @Route(\"/not-a-channel\") but does not extend"
                        + " io.wschannels.Channel: extend Channel, or remove @Route"),
                message);
        assertTrue(
                message.contains(p + "SharedScopeChannel is @ApplicationScoped, but a channel is @Dependent: every"
                        + " connection gets its own instance."),
                message);
        assertTrue(
                message.contains(p + "NoUsableConstructorChannel cannot be a CDI bean, so it cannot serve"
                        + " connections: it has no constructor CDI can call; add a no-argument constructor or annotate"
                        + " one"
                        + " constructor with @Inject"),
                message);
        assertTrue(
                message.contains(p + "Outer$InnerChannel cannot be a CDI bean, so it cannot serve connections: it is"
                        + " a non-static inner class; declare it static or move it to its own file"),
                message);
        assertTrue(!message.contains("ValidChannel"), message);
    }

    @Test
    void invalidLimitsOriginsAndRegistriesOfNoChannelFailTheDeployment() throws Exception {
        String message = failure(ValidChannel.class, BadLimitsChannel.class, RegistryUser.class);
        String p = "io.wschannels.tyrus.invalid.";
        assertTrue(message.contains("Channel deployment failed with 10 problems:"), message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Route(origins) has \"chat.example.com\", which is not an"
                        + " origin: write scheme://host or scheme://host:port (for example https://app.example.com),"
                        + " without a"
                        + " path, or \"*\" for any origin"),
                message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Limits(idleTimeoutMillis = -5) must be 0 (no idle timeout)"
                        + " or positive; the default is 0"),
                message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Limits(pongTimeoutMillis = 1000) must be longer than"
                        + " heartbeatMillis (30000), or every connection would be declared dead before its first ping"
                        + " could be"
                        + " answered; twice the interval is usual"),
                message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Limits(maxConnectionsPerUser = 0) must be positive; the"
                        + " default is 100"),
                message);
        assertTrue(
                message.contains(
                        p + "BadLimitsChannel: @Limits(messageBurst = 0) must be positive; the default is" + " 200"),
                message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Limits(maxConnections = 0) must be positive; the default"
                        + " is 10000"),
                message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Limits(outboundQueueBytes = 0) must be positive; the default"
                        + " is 1048576 (1 MiB)"),
                message);
        assertTrue(
                message.contains(p + "BadLimitsChannel: @Limits(maxMessageBytes = -1) must be positive; the default"
                        + " is 65536 (64 KiB)"),
                message);
        assertTrue(
                message.contains(p + "RegistryUser#notDeployed injects Registry<" + p + "NoRouteChannel>, but"
                        + " NoRouteChannel is not a deployed channel (a class with @Route that extends Channel): name"
                        + " a channel"
                        + " class, or fix the problems reported for it"),
                message);
        assertTrue(
                message.contains(p + "RegistryUser#unnamed injects io.wschannels.Registry without naming a channel"
                        + " class: write Registry<YourChannel>, one registry per channel"),
                message);
    }

    @Test
    void badMessageHandlersAndBatchingFailTheDeploymentTogether() throws Exception {
        String message = failure(ValidChannel.class, io.wschannels.tyrus.invalid.BadHandlersChannel.class);
        String c = "io.wschannels.tyrus.invalid.BadHandlersChannel";
        assertTrue(message.contains("Channel deployment failed with 7 problems:"), message);
        assertTrue(
                message.contains(c + "#move takes 2 parameters; a @Handle method takes the decoded message (a record"
                        + " with the message's fields) or nothing"),
                message);
        assertTrue(
                message.matches("(?s).*" + c + "#(chat|talk) and " + c + "#(chat|talk) both handle \"chat\"; each"
                        + " type has one method.*"),
                message);
        assertTrue(message.contains(c + "#nothing has @Handle(\"\"): name the message type it handles"), message);
        assertTrue(message.contains(c + "#tick is static"), message);
        assertTrue(message.contains(c + " has @Handle methods and also overrides onMessage(String) in " + c), message);
        assertTrue(message.contains(c + ": @Batched(maxMessages = 0) must be positive; the default is 10"), message);
        assertTrue(message.contains(c + " is @Batched and has @Handle methods"), message);
    }

    @Test
    void historyBoundsAreCheckedAtDeployment() throws Exception {
        String message = failure(
                EdgeHistoryChannel.class,
                WidelyKeptChannel.class,
                BrieflyKeptChannel.class,
                OverHistoryChannel.class,
                UnderHistoryChannel.class);
        String p = "io.wschannels.tyrus.invalid.";
        assertTrue(message.contains("Channel deployment failed with 4 problems:"), message);
        assertTrue(
                message.contains(p + "OverHistoryChannel: @History(messages = 10001) must be between 1 and 10000;"
                        + " the default is 100"),
                message);
        assertTrue(
                message.contains(p + "OverHistoryChannel: @History(seconds = 86401) must be between 1 and 86400"
                        + " (a day); the default is 300"),
                message);
        assertTrue(
                message.contains(p + "UnderHistoryChannel: @History(messages = 0) must be between 1 and 10000"),
                message);
        assertTrue(
                message.contains(p + "UnderHistoryChannel: @History(seconds = 0) must be between 1 and 86400"),
                message);
    }

    @Test
    void oneProblemIsReportedInTheSingular() throws Exception {
        String message = failure(ValidChannel.class, NoRouteChannel.class);
        assertTrue(message.contains("Channel deployment failed with 1 problem:\n  1. "), message);
    }

    @Test
    void aFailedStartReleasesThePort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int chosen = port;
        assertThrows(
                Exception.class,
                () -> ChannelServer.builder()
                        .port(chosen)
                        .beanClasses(NoRouteChannel.class)
                        .start());
        try (ChannelServer server = ChannelServer.builder()
                .port(chosen)
                .beanClasses(ValidChannel.class)
                .start()) {
            assertEquals(chosen, server.port());
        }
    }
}
