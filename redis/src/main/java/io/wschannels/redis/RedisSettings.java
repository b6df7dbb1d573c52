package io.wschannels.redis;

import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/** Where the Redis settings come from. */
final class RedisSettings {

    private RedisSettings() {}

    /**
     * A setting from MicroProfile Config where the server has it (WildFly, Payara: the WAR's
     * {@code META-INF/microprofile-config.properties}, system properties, the environment), else
     * from a system property, else from the environment ({@code CHANNELS_REDIS_URL}).
     */
    static String value(String property) {
        String configured = MicroProfile.value(property);
        if (configured != null) {
            return configured;
        }
        String value = System.getProperty(property);
        return value != null
                ? value
                : System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }

    /** Loaded only when MicroProfile Config is there. */
    private static final class MicroProfile {
        private static final boolean PRESENT = present();

        private static boolean present() {
            try {
                Class.forName(
                        "org.eclipse.microprofile.config.ConfigProvider", false, RedisSettings.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError absent) {
                return false;
            }
        }

        static String value(String property) {
            if (!PRESENT) {
                return null;
            }
            try {
                return ConfigProvider.getConfig()
                        .getOptionalValue(property, String.class)
                        .orElse(null);
            } catch (RuntimeException noConfigHere) {
                return null;
            }
        }
    }
}
