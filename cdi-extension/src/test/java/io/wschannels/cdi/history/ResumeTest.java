package io.wschannels.cdi.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.History;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A returning client's request, read without ever throwing, bounded, and answered for every stream. */
class ResumeTest {

    @Test
    void noParameterNoResume() {
        assertNull(Resume.parse(null));
    }

    @Test
    void eachStreamIsTakenOnceAndTheAnswerCoversEveryOne() {
        Resume resume = Resume.parse("{\"room:a\":\"e1:4\",\"room:b\":\"e1:9\",\"user:ann\":\"e2:1\"}");
        assertEquals(new Position("e1", 4), resume.take("room:a"));
        assertNull(resume.take("room:a"), "once");
        assertNull(resume.take("room:c"), "never named");
        resume.recovered("room:a", 2);
        resume.take("user:ann");
        resume.impossible("user:ann", "unavailable");
        assertEquals(
                "{\"type\":\"channels:resumed\",\"recovered\":{\"room:a\":2},"
                        + "\"impossible\":{\"user:ann\":\"unavailable\",\"room:b\":\"not_joined\"}}",
                resume.answer());
    }

    @Test
    void aBroadcastIsReplayedOnceThoughKeptInSeveralStreams() {
        Resume resume = Resume.parse("{}");
        assertTrue(resume.firstReplay("b-1"));
        assertFalse(resume.firstReplay("b-1"));
    }

    @Test
    void whatCannotBeReadIsAnsweredMalformed() {
        for (String bad : new String[] {
            "", "room:a", "[]", "\"x\"", "{", "{\"room:a\":", "{\"room:a\":{}}", "{\"room:a\":[1]}", "nul"
        }) {
            assertEquals(
                    "{\"type\":\"channels:resumed\",\"recovered\":{},\"impossible\":{\"*\":\"malformed\"}}",
                    Resume.parse(bad).answer(),
                    bad);
        }
        Resume resume = Resume.parse("{\"room:a\":7,\"room:b\":\"e:-1\",\"lobby\":\"e:1\",\"room:c\":null,\"" + "room:"
                + "x".repeat(300) + "\":\"e:1\"}");
        assertEquals(
                "{\"type\":\"channels:resumed\",\"recovered\":{},\"impossible\":{\"room:a\":\"malformed\","
                        + "\"room:b\":\"malformed\",\"lobby\":\"malformed\",\"room:c\":\"malformed\","
                        + "\"*\":\"malformed\"}}",
                resume.answer(),
                "a name too long to echo is answered for the whole");
    }

    @Test
    void aRequestForTenThousandStreamsTakesTheFirstHundred() {
        String request = IntStream.range(0, 10_000)
                .mapToObj(i -> "\"room:r" + i + "\":\"e:1\"")
                .collect(Collectors.joining(",", "{", "}"));
        Resume resume = Resume.parse(request);
        assertEquals(new Position("e", 1), resume.take("room:r" + (History.MAX_RESUMED_STREAMS - 1)));
        assertNull(resume.take("room:r" + History.MAX_RESUMED_STREAMS), "over the bound: not taken");
        String answer = resume.answer();
        assertTrue(answer.contains("\"*\":\"too_many\""), answer);
        // The 99 others named within the bound, and the whole: never 10,000 answers.
        assertEquals(History.MAX_RESUMED_STREAMS - 1, answer.split("not_joined").length - 1, answer);
    }
}
