package io.wschannels.it.payara;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Puts {@link GuardedPayaraMicro} in the place of the Payara Micro adapter's container when the
 * tests run against Payara Micro ({@code arquillian.launch=payara-micro}); the other servers'
 * executions do not have that adapter on their class path.
 */
public final class GuardedPayaraMicroExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("payara-micro".equals(System.getProperty("arquillian.launch"))) {
            builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, GuardedPayaraMicro.class);
        }
    }
}
