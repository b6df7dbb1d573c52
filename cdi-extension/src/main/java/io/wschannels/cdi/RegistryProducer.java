package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Makes {@code @Inject Registry<ChatChannel>} and {@code @Inject Presence<ChatChannel>} work in any
 * bean. Every injection of one channel's registry (or presence) gets the same application-wide
 * object; the extension has already checked at deployment that the type argument is a deployed
 * channel.
 */
@Dependent
class RegistryProducer {

    @Produces
    @Dependent
    <C extends Channel> Registry<C> registry(InjectionPoint injectionPoint, BeanManager beanManager) {
        return ChannelDeployment.of(beanManager).registry(channelOf(injectionPoint.getType()));
    }

    @Produces
    @Dependent
    <C extends Channel> Presence<C> presence(InjectionPoint injectionPoint, BeanManager beanManager) {
        return ChannelDeployment.of(beanManager).presence(channelOf(injectionPoint.getType()));
    }

    /** The channel class named by {@code Registry<X>} or {@code Presence<X>}, or {@code null} if it names none. */
    static Class<?> channelOf(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> channel) {
            return channel;
        }
        return null;
    }
}
