package io.wschannels.cdi.discovery;

import io.wschannels.History;
import java.util.List;

/**
 * How much of each stream a channel with {@link History} keeps.
 *
 * @param messages the most messages per stream
 * @param maxAgeMillis the oldest a kept message may be
 */
public record Retention(int messages, long maxAgeMillis) {

    static final int MAX_MESSAGES = 10_000;
    static final int MAX_SECONDS = 86_400;

    /** @return the channel's retention; {@code null} without {@code @History}, or when invalid (a problem added) */
    static Retention of(Class<?> type, String name, List<String> problems) {
        History history = type.getAnnotation(History.class);
        if (history == null) {
            return null;
        }
        int before = problems.size();
        if (history.messages() < 1 || history.messages() > MAX_MESSAGES) {
            problems.add(name + ": @History(messages = " + history.messages() + ") must be between 1 and "
                    + MAX_MESSAGES + "; the default is 100");
        }
        if (history.seconds() < 1 || history.seconds() > MAX_SECONDS) {
            problems.add(name + ": @History(seconds = " + history.seconds() + ") must be between 1 and " + MAX_SECONDS
                    + " (a day); the default is 300");
        }
        return problems.size() > before ? null : new Retention(history.messages(), history.seconds() * 1000L);
    }
}
