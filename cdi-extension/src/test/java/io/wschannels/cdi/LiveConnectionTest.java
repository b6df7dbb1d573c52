package io.wschannels.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure helpers of the connection: query parsing and close-reason limits. */
class LiveConnectionTest {

    @Test
    void parsesRepeatedEncodedAndValuelessQueryParameters() {
        Map<String, List<String>> params = LiveConnection.parseQuery("q=a%20b&q=c&flag&name=J%C3%BCrgen&&x=1+2");
        assertEquals(List.of("a b", "c"), params.get("q"));
        assertEquals(List.of(""), params.get("flag"));
        assertEquals(List.of("Jürgen"), params.get("name"));
        assertEquals(List.of("1 2"), params.get("x"));
        assertEquals(4, params.size());
    }

    @Test
    void keepsAMalformedEscapeAsWrittenInsteadOfFailing() {
        assertEquals(List.of("100%"), LiveConnection.parseQuery("p=100%").get("p"));
    }

    @Test
    void anEmptyQueryHasNoParameters() {
        assertEquals(Map.of(), LiveConnection.parseQuery(null));
        assertEquals(Map.of(), LiveConnection.parseQuery(""));
    }

    @Test
    void closeReasonsAreCutTo123BytesAtACharacterBoundary() {
        String exact = "r".repeat(123);
        assertEquals(exact, LiveConnection.shorten(exact));
        assertEquals(exact, LiveConnection.shorten(exact + "r"));
        String emoji = "\uD83D\uDE00".repeat(40); // 4 bytes each: 160 bytes
        String cut = LiveConnection.shorten(emoji);
        assertEquals(30, cut.codePointCount(0, cut.length()));
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 123);
        assertTrue(!Character.isHighSurrogate(cut.charAt(cut.length() - 1)));
    }
}
