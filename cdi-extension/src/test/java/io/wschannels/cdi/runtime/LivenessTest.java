package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Limits;
import io.wschannels.cdi.ManualScheduler;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Heartbeats end the silent and ping the rest; idle checks close the quiet; each channel its own. */
class LivenessTest {

    @Limits(heartbeatMillis = 1000, pongTimeoutMillis = 2500, idleTimeoutMillis = 4000)
    private static final class Watchful {}

    @Limits(heartbeatMillis = 0, idleTimeoutMillis = 0)
    private static final class Careless {}

    @Limits(heartbeatMillis = 30_000)
    private static final class Default {}

    private final ManualScheduler scheduler = new ManualScheduler();

    /** A connection as a check sees it; it records what the check did to it. */
    private final class Fake implements Liveness.Watched {
        final String name;
        boolean connected = true;
        boolean accepting = true;
        long lastSeen = scheduler.clock().getAsLong();
        long lastMessage = lastSeen;
        RuntimeException failure;
        final List<String> done = new ArrayList<>();

        Fake(String name) {
            this.name = name;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public boolean acceptsMessages() {
            return accepting;
        }

        @Override
        public long lastSeen() {
            return lastSeen;
        }

        @Override
        public long lastMessage() {
            return lastMessage;
        }

        @Override
        public void ping() {
            if (failure != null) {
                throw failure;
            }
            done.add("ping");
        }

        @Override
        public void endDead(CloseReason reason) {
            done.add("dead " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }

        @Override
        public void close(CloseReason reason) {
            done.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Liveness liveness(Class<?> limits, List<Fake> connections) {
        return new Liveness(limits.getAnnotation(Limits.class), connections, scheduler.clock());
    }

    @Test
    void aConnectionSilentForThePongTimeoutIsEndedAndTheOthersArePinged() {
        Fake silent = new Fake("silent");
        Fake chatty = new Fake("chatty");
        Liveness liveness = liveness(Watchful.class, List.of(silent, chatty));
        liveness.start(scheduler);
        scheduler.advance(2000, TimeUnit.MILLISECONDS);
        chatty.lastSeen = scheduler.clock().getAsLong();
        scheduler.advance(500, TimeUnit.MILLISECONDS);
        assertEquals(List.of("ping", "ping"), silent.done, "2.5 s of silence is not more than the timeout yet");
        scheduler.advance(500, TimeUnit.MILLISECONDS);
        assertEquals(List.of("ping", "ping", "dead 1001 No answer to heartbeats"), silent.done);
        assertEquals(List.of("ping", "ping", "ping"), chatty.done);
    }

    @Test
    void heartbeatsAreSpreadOverTheIntervalAndEachConnectionIsPingedOnceAnInterval() {
        List<Fake> connections = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            connections.add(new Fake("c" + i));
        }
        liveness(Default.class, connections).start(scheduler);
        int most = 0;
        int pinged = 0;
        for (int second = 1; second <= 30; second++) {
            scheduler.advance(1, TimeUnit.SECONDS);
            int now = (int) connections.stream().filter(c -> !c.done.isEmpty()).count();
            most = Math.max(most, now - pinged);
            pinged = now;
        }
        assertEquals(600, pinged, "after one interval every connection was pinged");
        assertTrue(connections.stream().allMatch(c -> c.done.equals(List.of("ping"))), "and only once");
        assertTrue(most <= 60, "a second's slice, about 20 of 600, pinged " + most + " at once");
        scheduler.advance(30, TimeUnit.SECONDS);
        assertTrue(connections.stream().allMatch(c -> c.done.equals(List.of("ping", "ping"))), "once an interval");
    }

    @Test
    void aConnectionWithoutMessagesForTheIdleTimeoutIsClosedUnlessItIsClosingAlready() {
        Fake quiet = new Fake("quiet");
        Fake closing = new Fake("closing");
        closing.accepting = false;
        Fake talking = new Fake("talking");
        Liveness liveness = liveness(Watchful.class, List.of(quiet, closing, talking));
        scheduler.advance(3999, TimeUnit.MILLISECONDS);
        talking.lastMessage = scheduler.clock().getAsLong();
        liveness.idleCheck();
        assertEquals(List.of(), quiet.done);
        scheduler.advance(2, TimeUnit.MILLISECONDS);
        liveness.idleCheck();
        assertEquals(List.of("close 1000 Idle timeout"), quiet.done);
        assertEquals(List.of(), closing.done);
        assertEquals(List.of(), talking.done);
    }

    @Test
    void connectionsThatAreNotConnectedAreLeftAlone() {
        Fake opening = new Fake("opening");
        opening.connected = false;
        Liveness liveness = liveness(Watchful.class, List.of(opening));
        scheduler.advance(10, TimeUnit.SECONDS);
        liveness.heartbeat();
        liveness.idleCheck();
        assertEquals(List.of(), opening.done);
    }

    @Test
    void oneFailingCheckDoesNotStopTheOthers() {
        Fake broken = new Fake("broken");
        broken.failure = new IllegalStateException("ping failed");
        Fake fine = new Fake("fine");
        liveness(Watchful.class, List.of(broken, fine)).heartbeat();
        assertEquals(List.of("ping"), fine.done);
    }

    @Test
    void onlyTheTicksTheLimitsAskForAreScheduledAndStopCancelsThem() {
        Liveness careless = liveness(Careless.class, List.of());
        careless.start(scheduler);
        assertEquals(0, scheduler.waiting());
        Liveness watchful = liveness(Watchful.class, List.of());
        watchful.start(scheduler);
        assertEquals(2, scheduler.waiting(), "heartbeat and idle check");
        watchful.stop();
        assertEquals(0, scheduler.waiting());
    }
}
