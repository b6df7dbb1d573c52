package io.wschannels.cdi;

import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.cdi.discovery.ChannelDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Makes {@code @Inject Registry<ChatChannel>} and {@code @Inject Presence<ChatChannel>} work in any
 * bean: one application-scoped bean of each type per deployed channel. Injection then hands out a
 * client proxy and costs nothing per channel instance (a producer method would run, with its
 * injection point, for every connection), and the proxy keeps beans of passivating scopes
 * serializable.
 */
final class ChannelBeans {

    private ChannelBeans() {}

    static void add(
            AfterBeanDiscovery event, List<ChannelDefinition> channels, Supplier<ChannelDeployment> deployment) {
        for (ChannelDefinition definition : channels) {
            Class<?> channel = definition.type();
            add(
                    event,
                    new Named(Registry.class, channel),
                    () -> deployment.get().registry(channel));
            add(
                    event,
                    new Named(Presence.class, channel),
                    () -> deployment.get().presence(channel));
        }
    }

    private static void add(AfterBeanDiscovery event, Named type, Supplier<Object> instance) {
        event.addBean()
                .beanClass(type.channel())
                .types(Object.class, type)
                .scope(ApplicationScoped.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .createWith(context -> instance.get());
    }

    /** The channel class named by {@code Registry<X>} or {@code Presence<X>}, or {@code null} if it names none. */
    static Class<?> channelOf(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> channel) {
            return channel;
        }
        return null;
    }

    /** {@code Registry<X>} or {@code Presence<X>} as a type, equal to the JDK's own for the same. */
    private record Named(Class<?> raw, Class<?> channel) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {channel};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType that
                    && that.getOwnerType() == null
                    && raw.equals(that.getRawType())
                    && Arrays.equals(getActualTypeArguments(), that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            // As the JDK's ParameterizedTypeImpl computes it, so that both hash alike.
            return Arrays.hashCode(getActualTypeArguments()) ^ Objects.hashCode(null) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getName() + "<" + channel.getName() + ">";
        }
    }
}
