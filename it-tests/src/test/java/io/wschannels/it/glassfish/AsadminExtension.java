package io.wschannels.it.glassfish;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link AsadminContainer} when the tests run against GlassFish ({@code
 * arquillian.launch=glassfish}) only: the other servers' executions have their own adapter, and
 * Arquillian takes exactly one.
 */
public final class AsadminExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("glassfish".equals(System.getProperty("arquillian.launch"))) {
            builder.service(DeployableContainer.class, AsadminContainer.class);
        }
    }
}
