package io.wschannels.cdi.broadcast;

import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.OutgoingText;
import io.wschannels.cdi.discovery.Retention;
import io.wschannels.cdi.history.Position;
import io.wschannels.cdi.history.Resume;
import io.wschannels.cdi.history.Stream;
import io.wschannels.cdi.history.Streams;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.spi.Broadcast;
import java.util.ArrayList;
import java.util.List;

/**
 * The history of a channel with {@code @History}: each broadcast to rooms or users is kept in their
 * streams with its positions, and replayed to a returning client as {@code onConnect} joins it to
 * them again. The streams named by a broadcast stay locked from keeping it until it is queued to
 * every recipient, and a replay happens under the stream's lock too: so a returning client gets
 * what it missed, then what is newer, neither twice nor with a gap.
 */
final class ChannelHistory {

    private static final String ROOM = "room:";
    private static final String USER = "user:";

    private final Streams streams;

    ChannelHistory(Retention retention) {
        this.streams = new Streams(retention, System::currentTimeMillis);
    }

    static String room(String name) {
        return ROOM + name;
    }

    static String user(String id) {
        return USER + id;
    }

    /** Locks the streams of a broadcast to rooms or users, in name order; unlock each afterwards. */
    List<Stream> lock(Broadcast.Target target) {
        String prefix = target.scope() == Broadcast.Scope.ROOMS ? ROOM : USER;
        List<String> names = new ArrayList<>(target.names().size());
        for (String name : target.names()) {
            names.add(prefix + name);
        }
        names.sort(null);
        return streams.lock(names);
    }

    /** Keeps a broadcast in its locked streams; returns what its recipients are sent. */
    String keep(List<Stream> locked, Broadcast broadcast) {
        StringBuilder envelope = new StringBuilder(broadcast.text().length() + 64 + 32 * locked.size())
                .append("{\"type\":\"channels:message\",\"at\":{");
        String comma = "";
        for (Stream stream : locked) {
            envelope.append(comma)
                    .append(Envelopes.quote(stream.name()))
                    .append(":\"")
                    .append(stream.next())
                    .append('"');
            comma = ",";
        }
        String text = envelope.append("},\"text\":")
                .append(Envelopes.quote(broadcast.text()))
                .append('}')
                .toString();
        long now = streams.now();
        int most = streams.retention().messages();
        long maxAge = streams.retention().maxAgeMillis();
        for (Stream stream : locked) {
            stream.append(broadcast.id(), text, now, most, maxAge);
        }
        return text;
    }

    /** @return the stream, locked, or {@code null} if it has no history now; unlock it after the join */
    Stream lockExisting(String name) {
        return streams.lockExisting(name);
    }

    /** Under the stream's lock, right after the join: queues what the client missed, or says it cannot. */
    void replay(LiveConnection connection, Resume resume, String name, Position from, Stream stream) {
        List<Stream.Entry> missed = stream == null
                ? null
                : stream.after(from, streams.now(), streams.retention().maxAgeMillis());
        if (missed == null) {
            resume.impossible(name, "unavailable");
            return;
        }
        int sent = 0;
        for (Stream.Entry entry : missed) {
            if (resume.firstReplay(entry.id())) {
                connection.queueLater(OutgoingText.broadcast(entry.envelope()), failure -> {});
                sent++;
            }
        }
        if (sent > 0) {
            connection.flushSoon();
        }
        resume.recovered(name, sent);
    }

    /** Forgets what is too old. */
    void expire() {
        streams.expire();
    }

    /** @return how often {@link #expire()} should run, in milliseconds */
    long expiryPeriodMillis() {
        return Math.max(1000, Math.min(60_000, streams.retention().maxAgeMillis() / 4));
    }
}
