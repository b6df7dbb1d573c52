package io.wschannels.cdi.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the connection keeps of its handshake: the query's parameters. */
class HandshakeTest {

    @Test
    void parsesRepeatedEncodedAndValuelessQueryParameters() {
        Map<String, List<String>> params = Handshake.parseQuery("q=a%20b&q=c&flag&name=J%C3%BCrgen&&x=1+2");
        assertEquals(List.of("a b", "c"), params.get("q"));
        assertEquals(List.of(""), params.get("flag"));
        assertEquals(List.of("Jürgen"), params.get("name"));
        assertEquals(List.of("1 2"), params.get("x"));
        assertEquals(4, params.size());
    }

    @Test
    void keepsAMalformedEscapeAsWrittenInsteadOfFailing() {
        assertEquals(List.of("100%"), Handshake.parseQuery("p=100%").get("p"));
    }

    @Test
    void anEmptyQueryHasNoParameters() {
        assertEquals(Map.of(), Handshake.parseQuery(null));
        assertEquals(Map.of(), Handshake.parseQuery(""));
    }
}
