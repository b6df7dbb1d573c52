package io.wschannels.benchmarks;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/** The driver's window into the server process: heap after GC, open connections (raw, chan, kept). */
@ServerEndpoint("/control")
public class ControlEndpoint {

    static volatile IntSupplier channelConnections = () -> -1;
    static volatile IntSupplier keptConnections = () -> -1;

    @OnMessage
    public String command(String command) {
        return switch (command) {
            case "heap" -> {
                for (int i = 0; i < 3; i++) {
                    System.gc(); // full collections, so that only live objects are counted
                }
                yield Long.toString(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            case "open" -> {
                int kept = keptConnections.getAsInt();
                yield RawEndpoint.open() + " " + (channelConnections.getAsInt() - kept) + " " + kept;
            }
            default -> "unknown command " + command;
        };
    }
}
