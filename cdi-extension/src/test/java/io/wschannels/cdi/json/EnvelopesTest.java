package io.wschannels.cdi.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The envelopes every client reads, built without JSON Binding. */
class EnvelopesTest {

    @Test
    void refusalReasonsAreJsonWithinTheProtocolsLimit() {
        assertEquals(
                "{\"type\":\"error\",\"message\":\"Invalid token\",\"code\":\"unauthorized\"}",
                Envelopes.refusal("Invalid token", "unauthorized"));
        assertEquals("{\"type\":\"error\",\"message\":\"say \\\"hi\\\"\\n\"}", Envelopes.refusal("say \"hi\"\n", null));
        String exact = Envelopes.refusal("x".repeat(123 - "{\"type\":\"error\",\"message\":\"\"}".length()), null);
        assertEquals(123, exact.length(), "just fits: not shortened");
        assertFalse(exact.contains("\u2026"));
        String over = Envelopes.refusal("é".repeat(100), "code");
        assertTrue(over.getBytes(StandardCharsets.UTF_8).length <= 123, over);
        assertTrue(over.endsWith("\u2026\",\"code\":\"code\"}"), over);
    }

    @Test
    void anErrorCarriesItsCodeAndTheRequestsRefOnlyWhenGiven() {
        String plain = Envelopes.error("Plain", null, null);
        assertTrue(plain.matches("\\{\"type\":\"error\",\"message\":\"Plain\",\"timestamp\":\"[^\"]+Z\"}"), plain);
        String full = Envelopes.error("Bad", "bad", "\"r1\"");
        assertTrue(full.startsWith("{\"type\":\"error\",\"message\":\"Bad\",\"code\":\"bad\",\"ref\":\"r1\","), full);
    }

    @Test
    void aReplyWrapsItsDataWithTheRefOrIsTheDataAlone() {
        assertEquals("{\"type\":\"reply\",\"ref\":7,\"data\":{\"a\":1}}", Envelopes.reply("7", "{\"a\":1}"));
        assertEquals("{\"a\":1}", Envelopes.reply(null, "{\"a\":1}"));
    }

    @Test
    void closeReasonsAreCutTo123BytesAtACharacterBoundary() {
        String exact = "r".repeat(123);
        assertEquals(exact, Envelopes.fitReason(exact));
        assertEquals(exact, Envelopes.fitReason(exact + "r"));
        String emoji = "\uD83D\uDE00".repeat(40); // 4 bytes each: 160 bytes
        String cut = Envelopes.fitReason(emoji);
        assertEquals(30, cut.codePointCount(0, cut.length()));
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 123);
        assertTrue(!Character.isHighSurrogate(cut.charAt(cut.length() - 1)));
    }
}
