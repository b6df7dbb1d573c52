package io.wschannels.cdi.history;

import java.util.regex.Pattern;

/**
 * A message's place in a stream, as clients see it: {@code epoch:offset}. The offset grows by one
 * per message of the stream; the epoch names one unbroken history of it.
 *
 * @param epoch lower-case letters and digits
 * @param offset from 1
 */
public record Position(String epoch, long offset) {

    private static final Pattern TEXT = Pattern.compile("([0-9a-z]{1,32}):([0-9]{1,18})");

    /** @return the position, or {@code null} if {@code text} is not one (never an exception) */
    public static Position parse(String text) {
        if (text == null || text.length() > 51) {
            return null;
        }
        var match = TEXT.matcher(text);
        return match.matches() ? new Position(match.group(1), Long.parseLong(match.group(2))) : null;
    }

    @Override
    public String toString() {
        return epoch + ":" + offset;
    }
}
