package io.wschannels.benchmarks.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Outcome outcome(String name, int clientsWithin, boolean warmedUp) {
        Step within = step(clientsWithin, 300);
        Step over = step(clientsWithin + 1000, 600);
        return new Outcome(name, name + " server", List.of(within, over), false, warmedUp);
    }

    private static Step step(int clients, double p95) {
        return OutcomeTest.step(clients, p95, clients * 3000L, clients * 1000L, null);
    }

    private static List<String> rows(String markdown, String startingWith) {
        return Arrays.stream(markdown.split("\n"))
                .filter(line -> line.startsWith(startingWith))
                .toList();
    }

    /** Each table's rows have as many cells as its header, so that Markdown shows every column. */
    private static void assertEveryRowHasItsHeadersColumns(String markdown) {
        long columns = -1;
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            long bars = line.chars().filter(c -> c == '|').count();
            if (columns < 0) {
                columns = bars;
            }
            assertEquals(columns, bars, line);
        }
    }

    @Test
    void afterAWarmUpTheTablesLeaveOutResidentMemory() {
        Ladder.Settings settings = Ladder.Settings.defaults(20_000);
        String markdown =
                Report.markdown(List.of(outcome("channel", 4000, true), outcome("node", 2000, true)), settings);
        assertTrue(markdown.startsWith("Each server warmed up first"), markdown);
        assertFalse(markdown.contains("RSS"), markdown);
        assertEveryRowHasItsHeadersColumns(markdown);
        assertEquals(
                List.of(
                        "| node server | 2,000 | – / – | 8.0 µs | 100 µs | 3.0 KB | p95 600 ms at 3,000 clients |",
                        "| node server | 2.00× | 1.00× | 1.00× | 1.00× |"),
                rows(markdown, "| node server |"));
    }

    @Test
    void withoutAWarmUpTheTablesShowResidentMemoryPerConnection() {
        Ladder.Settings settings = Ladder.Settings.defaults(20_000).withWarmUpRounds(0);
        String markdown =
                Report.markdown(List.of(outcome("channel", 4000, false), outcome("node", 2000, false)), settings);
        assertTrue(markdown.startsWith("No warm-up"), markdown);
        assertEveryRowHasItsHeadersColumns(markdown);
        assertEquals(
                List.of(
                        "| node server | 2,000 | – / – | 8.0 µs | 100 µs | 3.0 KB | 1.0 KB"
                                + " | p95 600 ms at 3,000 clients |",
                        "| node server | 2.00× | 1.00× | 1.00× | 1.00× | 1.00× |"),
                rows(markdown, "| node server |"));
    }
}
