package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.Route;
import io.wschannels.TokenVerifier;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.discovery.ChannelRules;
import io.wschannels.cdi.health.ReadinessChecks;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The CDI portable extension: discovers channel classes while CDI scans the application, checks
 * them, and fails the deployment with every problem at once. Registration with the WebSocket
 * container happens later, from {@link ChannelDeployment}, once CDI is running: on WildFly the
 * WebSocket deployment step runs before CDI starts, so nothing here may depend on that order.
 *
 * <p>Public only because {@link java.util.ServiceLoader} requires it; not an API.
 */
public final class ChannelExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ChannelExtension.class.getName());

    private final Set<Class<?>> routed = new LinkedHashSet<>();
    private final Set<Class<?>> channelTypes = new LinkedHashSet<>();
    private final Map<Class<?>, Class<?>> beans = new LinkedHashMap<>();
    private final List<InjectionPoint> channelInjections = new ArrayList<>();
    private volatile List<ChannelDefinition> definitions = List.of();
    private ChannelDeployment deployment;

    void addInternalBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        event.addAnnotatedType(ConnectionProducer.class, ConnectionProducer.class.getName());
    }

    <T> void routedType(@Observes @WithAnnotations(Route.class) ProcessAnnotatedType<T> event) {
        routed.add(event.getAnnotatedType().getJavaClass());
    }

    <T extends Channel> void channelType(@Observes ProcessAnnotatedType<T> event) {
        channelTypes.add(event.getAnnotatedType().getJavaClass());
    }

    <T extends Channel> void channelBean(@Observes ProcessManagedBean<T> event) {
        beans.put(event.getAnnotatedBeanClass().getJavaClass(), event.getBean().getScope());
    }

    void channelInjection(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint point = event.getInjectionPoint();
        Class<?> raw = rawType(point.getType());
        if (raw == Registry.class || raw == Presence.class) {
            channelInjections.add(point);
        }
    }

    private static Class<?> rawType(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : null;
    }

    void validate(@Observes AfterBeanDiscovery event) {
        List<String> problems = new ArrayList<>();
        List<ChannelDefinition> found = new ArrayList<>();
        // Sorted so that the report reads the same on every server and every run.
        Set<Class<?>> candidates = new TreeSet<>(Comparator.comparing(Class::getName));
        candidates.addAll(routed);
        candidates.addAll(channelTypes);
        for (Class<?> type : candidates) {
            ChannelDefinition definition = ChannelRules.check(type, beans, problems);
            if (definition != null) {
                found.add(definition);
            }
        }
        ChannelRules.checkDistinctRoutes(found, problems);
        Set<Class<?>> deployed = new HashSet<>();
        found.forEach(d -> deployed.add(d.type()));
        for (InjectionPoint point : channelInjections) {
            ChannelRules.checkChannelInjection(
                    point,
                    rawType(point.getType()).getSimpleName(),
                    ChannelBeans.channelOf(point.getType()),
                    deployed,
                    problems);
        }
        if (!problems.isEmpty()) {
            event.addDefinitionError(new DefinitionException(ChannelRules.report(problems)));
            return;
        }
        found.sort(Comparator.comparing((ChannelDefinition d) -> d.route().path()));
        definitions = List.copyOf(found);
        ChannelBeans.add(event, definitions, this::deployment);
        if (!definitions.isEmpty()) {
            ReadinessChecks.addWhenVisible(
                    event, definitions.get(0).type(), () -> deployment().readiness());
        }
        for (ChannelDefinition definition : definitions) {
            LOG.fine(() -> "Discovered channel " + definition.type().getName() + " on "
                    + definition.route().path());
        }
    }

    /** Authenticated channels need at most one token verifier; two would leave it to chance which one rules. */
    void checkTokenVerifier(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        if (definitions.stream().noneMatch(ChannelDefinition::authenticated)) {
            return;
        }
        Set<Bean<?>> verifiers = beanManager.getBeans(TokenVerifier.class);
        try {
            beanManager.resolve(verifiers);
        } catch (AmbiguousResolutionException e) {
            event.addDeploymentProblem(new DeploymentException(
                    "Channel deployment failed:"
                            + " the application has " + verifiers.size() + " " + TokenVerifier.class.getName()
                            + " beans ("
                            + verifiers.stream()
                                    .map(b -> b.getBeanClass().getName())
                                    .sorted()
                                    .toList() + ") and"
                            + " authenticated channels need exactly one: remove the others, or mark one @Alternative"
                            + " @Priority(1)",
                    e));
        }
    }

    /** The one runtime of this application, created on first use. */
    synchronized ChannelDeployment deployment() {
        if (deployment == null) {
            deployment = new ChannelDeployment(definitions);
        }
        return deployment;
    }
}
