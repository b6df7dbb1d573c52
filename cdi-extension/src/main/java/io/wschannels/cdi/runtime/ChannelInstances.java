package io.wschannels.cdi.runtime;

import io.wschannels.Channel;
import io.wschannels.cdi.connection.LiveConnection;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the channel instance of each connection of one channel and destroys it when the connection
 * ends: through the channel's CDI bean, with a creational context per connection that releases its
 * dependents; or, for the test kit without CDI, attaching an instance the caller made with
 * {@code new}.
 */
public final class ChannelInstances {

    private static final Logger LOG = Logger.getLogger(ChannelInstances.class.getName());

    private final Class<? extends Channel> type;
    private final BeanManager beanManager;
    private final Bean<Channel> bean;

    private ChannelInstances(Class<? extends Channel> type, BeanManager beanManager, Bean<Channel> bean) {
        this.type = type;
        this.beanManager = beanManager;
        this.bean = bean;
    }

    /**
     * Instances made by CDI. The bean is resolved now, by bean class rather than by type: a channel
     * that extends another channel is a bean of both types.
     *
     * @throws IllegalStateException if the channel has no bean (vetoed after discovery)
     */
    @SuppressWarnings("unchecked")
    public static ChannelInstances byCdi(BeanManager beanManager, Class<? extends Channel> type) {
        for (Bean<?> candidate : beanManager.getBeans(type)) {
            if (candidate.getBeanClass() == type) {
                return new ChannelInstances(type, beanManager, (Bean<Channel>) candidate);
            }
        }
        throw new IllegalStateException("No CDI bean for channel " + type.getName() + ": was it vetoed after discovery?"
                + " A channel needs its bean to serve connections.");
    }

    /** @return instances handed over by the caller, one per connection (the test kit without CDI) */
    public static ChannelInstances handedOver(Class<? extends Channel> type) {
        return new ChannelInstances(type, null, null);
    }

    /**
     * @param connection the connection being opened
     * @param provided an instance made by the caller, or {@code null} to have CDI make one
     * @return the connection's instance
     * @throws RuntimeException when CDI cannot create it (an injection point, a {@code @PostConstruct})
     */
    ChannelInstance create(LiveConnection connection, Channel provided) {
        if (provided != null) {
            attach(provided, connection);
            return new ChannelInstance(provided, null);
        }
        if (bean == null) {
            throw new IllegalStateException("No instance of " + type.getName() + " was handed over for " + connection
                    + ": channels of a deployment without CDI are made by the caller, one per connection");
        }
        CreationalContext<Channel> creation = beanManager.createCreationalContext(bean);
        try {
            return new ChannelInstance(OpeningConnection.during(connection, () -> bean.create(creation)), creation);
        } catch (RuntimeException e) {
            creation.release();
            throw e;
        }
    }

    /** Gives a channel made with {@code new} its connection, as injection does for CDI-made ones. */
    private static void attach(Channel channel, LiveConnection connection) {
        try {
            Field field = Channel.class.getDeclaredField("connection");
            field.setAccessible(true);
            if (field.get(channel) != null) {
                throw new IllegalStateException(
                        channel + " serves a connection already: make one instance per" + " connection");
            }
            field.set(channel, connection);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot attach " + channel.getClass().getName() + " to its connection", e);
        }
    }

    /** One connection's channel instance. */
    final class ChannelInstance {
        private final Channel channel;
        private final CreationalContext<Channel> creation;

        private ChannelInstance(Channel channel, CreationalContext<Channel> creation) {
            this.channel = channel;
            this.creation = creation;
        }

        Channel channel() {
            return channel;
        }

        /** {@code @PreDestroy}, then the dependents; nothing for an instance the caller made. */
        void destroy(LiveConnection connection) {
            if (creation == null) {
                return;
            }
            try {
                bean.destroy(channel, creation);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.SEVERE,
                        "Destroying " + type.getName() + " for " + connection + " failed (a @PreDestroy method threw?)",
                        e);
            }
        }
    }
}
