package io.wschannels.benchmarks.shootout;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads one member of a server's JSON message straight from the frame's bytes, whatever the order
 * of members and the white space between tokens: the driver reads tens of thousands of messages a
 * second on one core and must not be the slower side. The protocol's member names ({@code type},
 * {@code seq}, {@code sendTime}, {@code listenerCount}) each occur once per message.
 */
final class Scan {

    private Scan() {}

    /** The string value of the member, or {@code null} when there is none. */
    static String string(ByteBuf json, String name) {
        int at = valueStart(json, name);
        if (at < 0 || json.getByte(at) != '"') {
            return null;
        }
        int end = json.indexOf(at + 1, json.writerIndex(), (byte) '"');
        return end < 0 ? null : json.toString(at + 1, end - at - 1, StandardCharsets.UTF_8);
    }

    /** The member's value as a number, written bare or as a string of digits; -1 when there is none. */
    static long number(ByteBuf json, String name) {
        int at = valueStart(json, name);
        if (at < 0) {
            return -1;
        }
        if (json.getByte(at) == '"') {
            at++;
        }
        long value = 0;
        int digits = 0;
        for (; at < json.writerIndex(); at++, digits++) {
            byte b = json.getByte(at);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
    }

    /** Where the value of {@code "name":} starts, past white space; -1 when the member is absent. */
    private static int valueStart(ByteBuf json, String name) {
        int end = json.writerIndex();
        int from = json.readerIndex();
        while (true) {
            int quote = json.indexOf(from, end, (byte) '"');
            if (quote < 0 || quote + name.length() + 1 >= end) {
                return -1;
            }
            if (matches(json, quote + 1, name) && json.getByte(quote + 1 + name.length()) == '"') {
                int at = skipSpace(json, quote + name.length() + 2, end);
                if (at < end && json.getByte(at) == ':') {
                    at = skipSpace(json, at + 1, end);
                    return at < end ? at : -1;
                }
            }
            from = quote + 1;
        }
    }

    private static boolean matches(ByteBuf json, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (json.getByte(at + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(ByteBuf json, int at, int end) {
        while (at < end && Character.isWhitespace(json.getByte(at))) {
            at++;
        }
        return at;
    }
}
