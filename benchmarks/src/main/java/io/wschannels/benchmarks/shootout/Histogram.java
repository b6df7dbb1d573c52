package io.wschannels.benchmarks.shootout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JVM's live objects by class, as {@code jcmd GC.class_histogram} prints them; the difference of
 * two, divided by the connections opened between them, says what one connection costs and in
 * which classes.
 */
record Histogram(Map<String, long[]> classes, long totalBytes) {

    static final Histogram NONE = new Histogram(Map.of(), -1);

    /** Parses the output: {@code num: instances bytes class-name} lines, then a Total line. */
    static Histogram parse(String output) {
        Map<String, long[]> classes = new HashMap<>();
        long total = -1;
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                classes.put(columns[3], new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])});
            } else if (columns.length >= 3 && columns[0].equals("Total")) {
                total = Long.parseLong(columns[2]);
            }
        }
        if (total < 0) {
            throw new IllegalArgumentException("no Total line in the class histogram: " + output);
        }
        return new Histogram(classes, total);
    }

    /** The classes that grew most from {@code before} to this one, per connection opened between them. */
    List<String> topPerConnection(Histogram before, int connections, int limit) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : classes.entrySet()) {
            long[] then = before.classes().getOrDefault(entry.getKey(), new long[2]);
            grown.add(Map.entry(
                    entry.getKey(), new long[] {entry.getValue()[0] - then[0], entry.getValue()[1] - then[1]}));
        }
        grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(limit, grown.size()))) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%8.1f B %6.2f objects  %s",
                    (double) entry.getValue()[1] / connections,
                    (double) entry.getValue()[0] / connections,
                    entry.getKey()));
        }
        return lines;
    }
}
