package io.wschannels.benchmarks.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAR holds the channel, the plain endpoint on another path, and the library; nothing else. */
class ShootoutWarTest {

    @Test
    void theWarHoldsTheChannelThePlainEndpointAndTheLibraryOnly(@TempDir Path directory) throws Exception {
        Path war = ShootoutWar.write(directory);
        List<String> entries;
        try (JarFile file = new JarFile(war.toFile())) {
            entries = file.stream().map(ZipEntry::getName).sorted().toList();
        }
        String classes = "WEB-INF/classes/io/wschannels/benchmarks/shootout/";
        assertEquals(
                List.of(
                        classes + "PlainShootout.class",
                        classes + "Protocol$Request.class",
                        classes + "Protocol.class",
                        classes + "ShootoutChannel$BroadcastResult.class",
                        classes + "ShootoutChannel$Message.class",
                        classes + "ShootoutChannel.class",
                        classes + "ShootoutEndpoint.class"),
                entries.stream()
                        .filter(name -> name.startsWith("WEB-INF/classes/"))
                        .toList(),
                "the channel and the plain endpoint with what they use, and no other server of the shootout");
        List<String> libraries =
                entries.stream().filter(name -> name.startsWith("WEB-INF/lib/")).toList();
        assertEquals(2, libraries.size(), libraries.toString());
        assertTrue(libraries.stream().anyMatch(name -> name.contains("api")), libraries.toString());
        assertTrue(libraries.stream().anyMatch(name -> name.contains("cdi")), libraries.toString());
    }
}
