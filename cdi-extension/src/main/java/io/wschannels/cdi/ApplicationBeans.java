package io.wschannels.cdi;

import io.wschannels.TokenVerifier;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.spi.BroadcastTransport;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/** The application's own beans the channels use, looked up once at registration. */
final class ApplicationBeans {

    private static final Logger LOG = Logger.getLogger(ApplicationBeans.class.getName());

    private ApplicationBeans() {}

    /** @return the application's bean of that type, or {@code null} when it has none */
    static <T> T find(BeanManager manager, Class<T> type) {
        Set<Bean<?>> beans = manager.getBeans(type);
        if (beans.isEmpty()) {
            return null;
        }
        Bean<?> bean = manager.resolve(beans); // ambiguity was reported at deployment
        T found = type.cast(manager.getReference(bean, type, manager.createCreationalContext(bean)));
        if (type == BroadcastTransport.class) {
            LOG.info(() -> "Broadcasts travel through " + bean.getBeanClass().getName());
        }
        return found;
    }

    /** The application's token verifier, or {@code null}; said once in the log for authenticated channels. */
    static TokenVerifier tokenVerifier(BeanManager manager, List<ChannelDefinition> definitions) {
        List<String> authenticated = definitions.stream()
                .filter(ChannelDefinition::authenticated)
                .map(ChannelDefinition::describe)
                .toList();
        TokenVerifier verifier = find(manager, TokenVerifier.class);
        if (authenticated.isEmpty()) {
            return verifier;
        }
        if (verifier == null) {
            LOG.info(() -> "Channels " + authenticated + " require authentication, and the application has no "
                    + TokenVerifier.class.getName()
                    + " bean: they admit only users the server authenticates"
                    + " (Jakarta Security, a login session). Add a TokenVerifier bean to admit clients"
                    + " with tokens.");
        } else {
            LOG.info(() -> "Channels " + authenticated + " verify tokens with "
                    + manager.resolve(manager.getBeans(TokenVerifier.class))
                            .getBeanClass()
                            .getName());
        }
        return verifier;
    }
}
