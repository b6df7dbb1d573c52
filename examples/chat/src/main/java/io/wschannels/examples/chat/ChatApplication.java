package io.wschannels.examples.chat;

import io.wschannels.tyrus.ChannelServer;

/**
 * Starts the chat: {@code java -jar chat.jar [--port 8080] [--host localhost]}. Port 0 picks a
 * free port. Prints the address once it serves; Ctrl-C or SIGTERM closes every connection with
 * 1001 (going away) and stops.
 */
public final class ChatApplication {

    private ChatApplication() {}

    public static void main(String[] args) throws Exception {
        int port = 8080;
        String host = "localhost";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usageError("unknown argument '" + args[i] + "'");
            }
        }

        ChannelServer server =
                ChannelServer.builder().host(host).port(port).staticFiles("web").start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chat-shutdown"));
        try {
            System.out.println("Chat example running at " + server.uri() + " (WebSocket "
                    + server.webSocketUri("/chat/") + "ROOM); press Ctrl-C to stop");
            System.out.flush();
            server.awaitShutdown();
        } catch (RuntimeException | InterruptedException e) {
            server.close(); // its threads would otherwise keep the JVM alive
            throw e;
        }
    }

    private static final String USAGE = "usage: java -jar chat.jar [--port PORT] [--host HOST]\n"
            + "  --port PORT  TCP port, 8080 by default; 0 picks a free one\n"
            + "  --host HOST  address to bind, localhost by default; 0.0.0.0 for every interface";

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usageError(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usageError("--port must be a number from 0 to 65535, not '" + text + "'");
        return -1;
    }

    private static void usageError(String problem) {
        System.err.println("chat: " + problem + "\n" + USAGE);
        System.exit(2);
    }
}
