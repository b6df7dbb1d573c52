package io.wschannels.benchmarks.shootout;

import io.wschannels.Channel;
import io.wschannels.cdi.ChannelExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The WAR the shootout deploys to an application server, as a user would write it: the channel on
 * {@code /shootout} and a plain {@code @ServerEndpoint} on {@code /plain}, with the library's two
 * jars in {@code WEB-INF/lib}, and nothing else (no {@code web.xml}, no {@code beans.xml}).
 */
final class ShootoutWar {

    /** The classes of the WAR, with their nested classes. */
    private static final List<Class<?>> CLASSES =
            List.of(ShootoutChannel.class, ShootoutEndpoint.class, PlainShootout.class, Protocol.class);

    private ShootoutWar() {}

    /** Writes {@code shootout.war} into {@code directory}. */
    static Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path war = directory.resolve("shootout.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            for (String entry : classEntries()) {
                try (InputStream in = ShootoutWar.class.getResourceAsStream("/" + entry)) {
                    put(zip, "WEB-INF/classes/" + entry, in);
                }
            }
            for (Class<?> library : List.of(Channel.class, ChannelExtension.class)) {
                Path jar = libraryJar(library, directory);
                try (InputStream in = Files.newInputStream(jar)) {
                    put(zip, "WEB-INF/lib/" + jar.getFileName(), in);
                }
            }
        }
        return war;
    }

    /** The class files of {@link #CLASSES} and their nested classes, as resource names. */
    private static List<String> classEntries() throws IOException {
        Path source = codeSource(ShootoutWar.class);
        List<String> prefixes =
                CLASSES.stream().map(type -> type.getName().replace('.', '/')).toList();
        try (Stream<String> names = Files.isDirectory(source) ? walk(source) : entries(source)) {
            return names.filter(name -> name.endsWith(".class"))
                    .filter(name -> prefixes.stream()
                            .anyMatch(prefix -> name.equals(prefix + ".class") || name.startsWith(prefix + "$")))
                    .sorted()
                    .toList();
        }
    }

    private static Stream<String> walk(Path classes) throws IOException {
        List<String> all;
        try (Stream<Path> files = Files.walk(classes)) {
            all = files.map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
        return all.stream();
    }

    private static Stream<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList().stream();
        }
    }

    /** The jar a library class comes from; made from its classes folder in a build that has not packaged it. */
    private static Path libraryJar(Class<?> type, Path directory) throws IOException {
        Path source = codeSource(type);
        if (!Files.isDirectory(source)) {
            return source;
        }
        // target/classes of module m: name the jar after the module's folder.
        Path jar = directory.resolve(source.getParent().getParent().getFileName() + ".jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
                Stream<String> names = walk(source)) {
            for (String name : names.filter(name -> Files.isRegularFile(source.resolve(name)))
                    .sorted()
                    .toList()) {
                try (InputStream in = Files.newInputStream(source.resolve(name))) {
                    put(zip, name, in);
                }
            }
        }
        return jar;
    }

    private static Path codeSource(Class<?> type) throws IOException {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the jar of " + type.getName(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, InputStream content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        content.transferTo(out);
        zip.closeEntry();
    }
}
