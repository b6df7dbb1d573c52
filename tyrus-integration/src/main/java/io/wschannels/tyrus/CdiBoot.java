package io.wschannels.tyrus;

import io.wschannels.cdi.ChannelExtension;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts CDI (Weld SE) for the standalone server: discovering bean archives, or given classes only. */
final class CdiBoot {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private CdiBoot() {}

    /**
     * @param beanClasses the classes to deploy, or none to discover bean archives on the classpath
     * @throws DeploymentException or {@link DefinitionException} listing every channel problem
     */
    static WeldContainer start(List<Class<?>> beanClasses) {
        Weld weld = new Weld("channels-" + CONTAINERS.incrementAndGet())
                // The server shuts CDI down after the connections; Weld's own hook would do it first.
                .skipShutdownHook();
        if (!beanClasses.isEmpty()) {
            // Without discovery Weld SE loads no extension from META-INF/services either.
            weld.disableDiscovery()
                    .addBeanClasses(beanClasses.toArray(Class<?>[]::new))
                    .addExtension(new ChannelExtension());
        }
        try {
            return weld.initialize();
        } catch (DeploymentException | DefinitionException e) {
            throw withoutWeldWrapping(e);
        }
    }

    /**
     * Weld wraps deployment problems in a list with stack traces; when the channel extension's
     * report is among them, that report alone is the useful message.
     */
    static RuntimeException withoutWeldWrapping(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Channel deployment failed with");
        if (start < 0) {
            return e;
        }
        StringBuilder report = new StringBuilder();
        for (String line : message.substring(start).split("\n")) {
            if (report.length() > 0 && !line.matches("  \\d+\\. .*")) {
                break;
            }
            report.append(report.length() > 0 ? "\n" : "").append(line);
        }
        return new DeploymentException(report.toString(), e);
    }
}
