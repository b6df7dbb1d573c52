package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Connection;
import io.wschannels.Route;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports what it sees and does what the client asks: the runtime's test subject. */
@Route("/probe/{room}/:user")
public class ProbeChannel extends Channel {

    public record Move(String from, String to, int turn) {}

    private final Greeter greeter;

    @Inject
    Tally tally;

    @Inject
    Instance<Connection> lateConnection;

    private int instance;

    @Inject
    public ProbeChannel(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public void onConnect() {
        instance = tally.next();
        if ("connect".equals(param("fail"))) {
            throw new IllegalStateException("secret detail from onConnect");
        }
        if (param("reject") != null) {
            send("about to reject");
            throw new ChannelException(param("reject"));
        }
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("id", connection().id());
        hello.put("route", connection().route());
        hello.put("room", connection().pathParam("room"));
        hello.put("user", connection().pathParam("user"));
        hello.put("q", connection().queryParam("q"));
        hello.put("qs", connection().queryParams().get("q"));
        hello.put("paramRoom", param("room"));
        hello.put("paramQ", param("q"));
        hello.put("header", connection().header("x-probe"));
        hello.put(
                "upgradeHeaderKept",
                connection().header("Sec-WebSocket-Key") != null
                        || connection().headers().containsKey("upgrade"));
        hello.put("greeting", greeter.greet(param("user")));
        hello.put("instance", instance);
        sendJson(hello);
        Lifecycle.EVENTS.add("connect:" + connection().id());
    }

    @Override
    public void onMessage(String message) {
        switch (message) {
            case "boom" -> throw new IllegalStateException("secret detail from onMessage");
            case "close" -> close(CloseReason.CloseCodes.getCloseCode(4000), "bye");
            case "json" -> sendJson(new Move("e2", "e4", 1));
            case "success" -> sendSuccess(Map.of("ok", true));
            case "error" -> sendError("Bad thing", "bad");
            case "plain-error" -> sendError("Plain");
            case "instance" -> send("instance:" + instance);
            case "late-connection" -> {
                try {
                    lateConnection.get();
                    send("unexpectedly got a connection");
                } catch (IllegalStateException e) {
                    send("refused:" + e.getMessage());
                }
            }
            default -> send("echo:" + message);
        }
    }

    @Override
    public void onPong(ByteBuffer applicationData) {
        send("pong:" + StandardCharsets.UTF_8.decode(applicationData));
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        Lifecycle.EVENTS.add("close:" + connection().id() + ":" + code.getCode() + ":" + reason);
        String id = connection().id();
        connection()
                .send("too late")
                .whenComplete((ignored, failure) -> Lifecycle.EVENTS.add(
                        "send-after-close:" + id + ":" + (failure == null ? "sent" : failure.getMessage())));
        if ("wait".equals(param("onclose"))) {
            Lifecycle.EVENTS.add("closing:" + connection().id());
            try {
                Lifecycle.closeGate.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if ("throw".equals(param("onclose"))) {
            throw new IllegalStateException("failure in onClose");
        }
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.EVENTS.add("destroyed:" + connection().id());
    }
}
