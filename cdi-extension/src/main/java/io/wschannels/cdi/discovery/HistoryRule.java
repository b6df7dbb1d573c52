package io.wschannels.cdi.discovery;

import io.wschannels.History;
import io.wschannels.spi.Broadcast;
import java.util.List;

/** Checks a channel's {@link History} and reads how much each of its streams keeps. */
final class HistoryRule {

    static final int MAX_MESSAGES = 10_000;
    static final int MAX_SECONDS = 86_400;

    private HistoryRule() {}

    /** @return the channel's retention; {@code null} without {@code @History}, or when invalid (a problem added) */
    static Broadcast.Retention retention(Class<?> type, String name, List<String> problems) {
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
        return problems.size() > before ? null : new Broadcast.Retention(history.messages(), history.seconds() * 1000L);
    }
}
