package io.wschannels.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every code snippet of the README is a compiled source: each Java, XML and JavaScript block is
 * preceded by {@code <!-- snippet: path[#tag] -->} and shows exactly that file, or the lines between
 * {@code tag::name[]} and {@code end::name[]} in it. Change the source, and the README with it.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Set<String> CODE = Set.of("java", "xml", "js");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([^#\\s]+)(?:#([\\w-]+))? -->");

    /** A fenced block of the README, with the marker before it if there is one. */
    private record Block(int line, String language, String text, String source, String tag) {}

    private static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher pending = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line.strip());
            if (marker.matches()) {
                pending = marker;
            } else if (line.startsWith("```")) {
                int start = i;
                List<String> text = new ArrayList<>();
                for (i++; !lines.get(i).startsWith("```"); i++) {
                    text.add(lines.get(i));
                }
                blocks.add(new Block(
                        start + 1,
                        line.substring(3).strip(),
                        String.join("\n", text),
                        pending == null ? null : pending.group(1),
                        pending == null ? null : pending.group(2)));
                pending = null;
            } else if (!line.isBlank()) {
                pending = null;
            }
        }
        return blocks;
    }

    /** The whole file, or the lines of one tagged region, without their common indentation. */
    private static String snippet(String source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(source));
        if (tag != null) {
            int begin = indexOf(lines, "tag::" + tag + "[]", source);
            int end = indexOf(lines, "end::" + tag + "[]", source);
            lines = lines.subList(begin + 1, end);
        }
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .collect(Collectors.joining("\n"))
                .strip();
    }

    private static int indexOf(List<String> lines, String marker, String source) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        return fail(source + " has no " + marker);
    }

    @Test
    void everyCodeSnippetIsACompiledSourceShownExactly() throws IOException {
        List<Block> code =
                blocks().stream().filter(b -> CODE.contains(b.language())).toList();
        assertFalse(code.isEmpty(), "the README shows code");
        List<String> problems = new ArrayList<>();
        for (Block block : code) {
            if (block.source() == null) {
                problems.add("README.md:" + block.line() + ": a " + block.language() + " block without a"
                        + " <!-- snippet: path#tag --> line before it; keep its code in a compiled source");
                continue;
            }
            String expected = snippet(block.source(), block.tag());
            if (!expected.equals(block.text().strip())) {
                problems.add("README.md:" + block.line() + " differs from " + block.source()
                        + (block.tag() == null ? "" : "#" + block.tag()) + "; it should read:\n" + expected);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    @Test
    void theTwoCommandsAreThereAndCiRunsExactlyTheTestCommand() throws IOException {
        List<String> commands = blocks().stream()
                .filter(b -> b.language().equals("sh"))
                .map(Block::text)
                .toList();
        assertTrue(
                commands.contains("mvn -B -DskipTests package && java -jar examples/chat/target/chat.jar"),
                "README names the command that runs the example: " + commands);
        assertTrue(commands.contains("mvn -B verify"), "README names the command that runs the tests: " + commands);
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
        assertEquals("mvn -B verify", ci.get(ci.size() - 1), ".ci/run ends by running the README's test command");
    }
}
