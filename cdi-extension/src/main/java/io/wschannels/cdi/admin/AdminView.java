package io.wschannels.cdi.admin;

import io.wschannels.cdi.metrics.ChannelMetrics;
import io.wschannels.cdi.metrics.ChannelReading;
import io.wschannels.cdi.metrics.RecentRefusals;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The admin view's JSON, {@code application/json}, the document README.md describes: per channel
 * its connections, counters, largest rooms and slowest consumers, and the server's last refusals
 * over every channel, newest first. Counters are totals since the channels were registered; the
 * admin page turns two readings into rates.
 */
public final class AdminView {

    /** The format's version, the document's {@code version}: raised when a field changes meaning. */
    public static final int VERSION = 1;

    /** How many refusals the view lists, over every channel. */
    public static final int REFUSALS_SHOWN = 50;

    private AdminView() {}

    /**
     * @param channels each channel's activity, in the order to show
     * @param started when the channels were registered
     * @param now the moment of the reading
     * @return the document, UTF-8
     */
    public static byte[] json(List<ChannelActivity> channels, Instant started, Instant now) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        List<Refusal> refusals = new ArrayList<>();
        for (ChannelActivity activity : channels) {
            all.add(channel(activity));
            for (RecentRefusals.Refused refused : activity.refusals()) {
                refusals.add(new Refusal(activity.reading(), refused));
            }
        }
        refusals.sort(Comparator.comparing((Refusal r) -> r.refused().at()).reversed());
        JsonArrayBuilder recent = Json.createArrayBuilder();
        refusals.stream().limit(REFUSALS_SHOWN).forEach(r -> recent.add(r.json()));
        return Json.createObjectBuilder()
                .add("version", VERSION)
                .add("at", now.toString())
                .add("uptimeSeconds", Duration.between(started, now).toSeconds())
                .add("channels", all)
                .add("refusals", recent)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder channel(ChannelActivity activity) {
        ChannelReading reading = activity.reading();
        ChannelMetrics.Snapshot counted = reading.counted();
        JsonObjectBuilder refused = Json.createObjectBuilder();
        counted.refused().forEach((why, count) -> refused.add(why.label(), count));
        JsonArrayBuilder rooms = Json.createArrayBuilder();
        activity.largestRooms()
                .forEach(room -> rooms.add(
                        Json.createObjectBuilder().add("room", room.name()).add("members", room.members())));
        JsonArrayBuilder slowest = Json.createArrayBuilder();
        for (ChannelActivity.Queue queue : activity.slowest()) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("connection", queue.connection());
            if (queue.user() == null) {
                entry.addNull("user");
            } else {
                entry.add("user", queue.user());
            }
            slowest.add(entry.add("queuedBytes", queue.queuedBytes()));
        }
        return Json.createObjectBuilder()
                .add("channel", reading.channel())
                .add("route", reading.route())
                .add("connections", reading.open())
                .add("queuedBytes", reading.queuedBytes())
                .add("opened", counted.opened())
                .add("refused", refused)
                .add("messagesReceived", counted.messagesReceived())
                .add("bytesReceived", counted.bytesReceived())
                .add("messagesSent", counted.messagesSent())
                .add("bytesSent", counted.bytesSent())
                .add("broadcasts", counted.broadcasts())
                .add("slowConsumerCloses", counted.slowConsumerCloses())
                .add("rooms", activity.rooms())
                .add("largestRooms", rooms)
                .add("slowest", slowest);
    }

    private record Refusal(ChannelReading reading, RecentRefusals.Refused refused) {
        JsonObjectBuilder json() {
            JsonObjectBuilder entry = Json.createObjectBuilder()
                    .add("at", refused.at().toString())
                    .add("channel", reading.channel())
                    .add("route", reading.route())
                    .add("reason", refused.reason())
                    .add("why", String.valueOf(refused.why()));
            return refused.connection() == null
                    ? entry.addNull("connection")
                    : entry.add("connection", refused.connection());
        }
    }
}
