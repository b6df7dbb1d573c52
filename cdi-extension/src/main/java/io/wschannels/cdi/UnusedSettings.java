package io.wschannels.cdi;

import io.wschannels.spi.BroadcastTransport;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Settings that would do nothing are said at start, not silently ignored: a Redis URL given to an
 * application without {@code channels-redis} leaves every server alone with its own clients, and
 * nothing else would tell the user why broadcasts do not cross servers.
 */
final class UnusedSettings {

    private static final Logger LOG = Logger.getLogger(UnusedSettings.class.getName());
    static final String REDIS_URL = "channels.redis.url";
    private static final String REDIS_TRANSPORT = "io.wschannels.redis.RedisTransport";

    private UnusedSettings() {}

    /**
     * @param transport the application's transport, or {@code null} (broadcasts stay on this server)
     * @param settings a setting by name: MicroProfile Config where present, system properties, environment
     * @return the warning given, or {@code null}
     */
    static String check(BroadcastTransport transport, Function<String, String> settings) {
        String url = settings.apply(REDIS_URL);
        if (transport != null || url == null || url.isBlank()) {
            return null;
        }
        boolean present = isPresent(REDIS_TRANSPORT);
        String warning = REDIS_URL + " is set (" + url + ") but "
                + (present
                        ? REDIS_TRANSPORT + " is not one of the application's beans"
                        : "channels-redis is not on the application's classpath")
                + ": broadcasts reach this server's connections only, and no other server hears of them. "
                + (present
                        ? "Deploy it as a bean (on the standalone server: add it to the bean classes)."
                        : "Add the dependency io.wschannels:channels-redis to the application.");
        LOG.warning(warning);
        return warning;
    }

    /** MicroProfile Config where the server has it, else the system property, else the environment. */
    static String setting(String name) {
        String configured = fromMicroProfileConfig(name);
        if (configured != null) {
            return configured;
        }
        String property = System.getProperty(name);
        return property != null
                ? property
                : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** By reflection: the library does not depend on MicroProfile Config. */
    private static String fromMicroProfileConfig(String name) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
            Object config = provider.getMethod("getConfig").invoke(null);
            Method optional = Class.forName("org.eclipse.microprofile.config.Config", true, loader)
                    .getMethod("getOptionalValue", String.class, Class.class);
            Optional<?> value = (Optional<?>) optional.invoke(config, name, String.class);
            return value.map(Object::toString).orElse(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
            return null;
        }
    }
}
