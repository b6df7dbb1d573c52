package io.wschannels.cdi.discovery;

import io.wschannels.Authenticated;
import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;
import io.wschannels.spi.Broadcast;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What makes a valid channel, and the deployment report when some are not. Every check adds to a
 * list of problems instead of stopping, so that one deployment reports everything that is wrong.
 */
public final class ChannelRules {

    private ChannelRules() {}

    /**
     * Checks one discovered class that has {@code @Route} or extends {@link Channel}.
     *
     * @return its definition when it is a valid channel, else {@code null} (with problems added,
     *         unless it is simply not a channel, such as an abstract base class without a route)
     */
    public static ChannelDefinition check(Class<?> type, Map<Class<?>, Class<?>> beanScopes, List<String> problems) {
        Route route = type.getAnnotation(Route.class);
        String name = type.getName();
        boolean isChannel = Channel.class.isAssignableFrom(type);
        boolean isAbstract = Modifier.isAbstract(type.getModifiers()) || type.isInterface();
        if (route == null) {
            if (isChannel && !isAbstract) {
                problems.add(name + " extends " + Channel.class.getName() + " but has no @Route: annotate it with"
                        + " @Route(\"/path\"), or make it abstract if it is a base class" + inheritedRouteHint(type));
            }
            return null;
        }
        if (!isChannel) {
            problems.add(name + " has @Route(\"" + route.value() + "\") but does not extend " + Channel.class.getName()
                    + ": extend Channel, or remove @Route");
            return null;
        }
        if (isAbstract) {
            problems.add(name + " has @Route(\"" + route.value() + "\") but is abstract: put @Route on the concrete"
                    + " channel classes that extend it");
            return null;
        }
        RouteTemplate template = null;
        try {
            template = RouteTemplate.parse(route.value());
        } catch (RouteTemplate.InvalidRouteException e) {
            problems.add(name + ": @Route " + e.getMessage());
        }
        boolean bean = beanScopes.containsKey(type);
        if (!bean) {
            problems.add(name + " cannot be a CDI bean, so it cannot serve connections: " + whyNotABean(type));
        } else if (beanScopes.get(type) != Dependent.class) {
            problems.add(name + " is @" + beanScopes.get(type).getSimpleName() + ", but a channel is @Dependent: every"
                    + " connection gets its own instance. Remove the scope annotation, and keep shared state in an"
                    + " @ApplicationScoped bean injected into the channel");
        }
        // Everything is checked before giving up, so that one deployment reports every problem.
        Origins origins = Origins.parse(name, route.origins(), problems);
        Limits limits = type.isAnnotationPresent(Limits.class) ? type.getAnnotation(Limits.class) : DEFAULTS;
        boolean limitsValid = validLimits(name, limits, problems);
        int before = problems.size();
        Handlers handlers = Handlers.scan(type, problems);
        Batched batched = type.getAnnotation(Batched.class);
        if (batched != null) {
            if (batched.maxMessages() <= 0) {
                problems.add(name + ": @Batched(maxMessages = " + batched.maxMessages() + ") must be positive; the"
                        + " default is 10");
            }
            if (batched.maxDelayMillis() <= 0) {
                problems.add(name + ": @Batched(maxDelayMillis = " + batched.maxDelayMillis() + ") must be positive;"
                        + " the default is 100");
            }
            if (!handlers.isEmpty()) {
                problems.add(name + " is @Batched and has @Handle methods: batches go to onBatch(List), typed"
                        + " messages to their methods; choose one");
            }
        }
        Broadcast.Retention retention = HistoryRule.retention(type, name, problems);
        if (template == null || !bean || origins == null || !limitsValid || problems.size() > before) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<? extends Channel> channelType = (Class<? extends Channel>) type;
        return new ChannelDefinition(
                channelType,
                template,
                type.isAnnotationPresent(Authenticated.class),
                origins,
                handlers,
                batched,
                limits,
                retention);
    }

    /** The defaults of {@code @Limits}, for channels without the annotation. */
    @Limits
    private static final class Defaults {}

    private static final Limits DEFAULTS = Defaults.class.getAnnotation(Limits.class);

    /** Adds a problem for every limit out of range; {@code true} if there is none. */
    private static boolean validLimits(String name, Limits limits, List<String> problems) {
        int before = problems.size();
        positive(
                name,
                "outboundQueueBytes",
                limits.outboundQueueBytes(),
                DEFAULTS.outboundQueueBytes() + " (1 MiB)",
                problems);
        positive(name, "maxMessageBytes", limits.maxMessageBytes(), DEFAULTS.maxMessageBytes() + " (64 KiB)", problems);
        positive(
                name, "maxConnections", limits.maxConnections(), Integer.toString(DEFAULTS.maxConnections()), problems);
        positive(
                name,
                "maxConnectionsPerUser",
                limits.maxConnectionsPerUser(),
                Integer.toString(DEFAULTS.maxConnectionsPerUser()),
                problems);
        zeroOrPositive(
                name, "heartbeatMillis", limits.heartbeatMillis(), "heartbeats", DEFAULTS.heartbeatMillis(), problems);
        if (limits.heartbeatMillis() > 0 && limits.pongTimeoutMillis() <= limits.heartbeatMillis()) {
            problems.add(name + ": @Limits(pongTimeoutMillis = " + limits.pongTimeoutMillis() + ") must be longer"
                    + " than heartbeatMillis (" + limits.heartbeatMillis() + "), or every connection would be"
                    + " declared dead before its first ping could be answered; twice the interval is usual");
        }
        zeroOrPositive(
                name, "messagesPerSecond", limits.messagesPerSecond(), "limit", DEFAULTS.messagesPerSecond(), problems);
        positive(name, "messageBurst", limits.messageBurst(), Integer.toString(DEFAULTS.messageBurst()), problems);
        zeroOrPositive(
                name,
                "idleTimeoutMillis",
                limits.idleTimeoutMillis(),
                "idle timeout",
                DEFAULTS.idleTimeoutMillis(),
                problems);
        return problems.size() == before;
    }

    private static void positive(String name, String limit, int value, String fallback, List<String> problems) {
        if (value <= 0) {
            problems.add(
                    name + ": @Limits(" + limit + " = " + value + ") must be positive; the default is " + fallback);
        }
    }

    private static void zeroOrPositive(
            String name, String limit, int value, String zeroMeans, int fallback, List<String> problems) {
        if (value < 0) {
            problems.add(name + ": @Limits(" + limit + " = " + value + ") must be 0 (no " + zeroMeans + ") or positive;"
                    + " the default is " + fallback);
        }
    }

    /**
     * Checks channels whose instances the caller makes with {@code new}, as if each were a
     * {@code @Dependent} bean.
     *
     * @return their definitions
     * @throws DefinitionException listing every problem
     */
    public static List<ChannelDefinition> checkWithoutCdi(List<Class<? extends Channel>> channels) {
        List<String> problems = new ArrayList<>();
        List<ChannelDefinition> found = new ArrayList<>();
        Map<Class<?>, Class<?>> scopes = new HashMap<>();
        channels.forEach(type -> scopes.put(type, Dependent.class));
        for (Class<? extends Channel> type : channels) {
            ChannelDefinition definition = check(type, scopes, problems);
            if (definition != null) {
                found.add(definition);
            }
        }
        checkDistinctRoutes(found, problems);
        if (!problems.isEmpty()) {
            throw new DefinitionException(report(problems));
        }
        return List.copyOf(found);
    }

    /** Two channels on routes that differ only in parameter names would compete for the same URIs. */
    public static void checkDistinctRoutes(List<ChannelDefinition> definitions, List<String> problems) {
        Map<String, List<ChannelDefinition>> byShape = new LinkedHashMap<>();
        for (ChannelDefinition definition : definitions) {
            byShape.computeIfAbsent(definition.route().shape(), k -> new ArrayList<>())
                    .add(definition);
        }
        for (List<ChannelDefinition> same : byShape.values()) {
            if (same.size() > 1) {
                String who = same.stream()
                        .map(d -> d.type().getName() + " (@Route(\"" + d.route().declared() + "\"))")
                        .collect(Collectors.joining(" and "));
                problems.add("Channels " + who + " declare equivalent routes: both match "
                        + same.get(0).route().path() + ". Give each channel its own route");
                definitions.removeAll(same);
            }
        }
    }

    /**
     * {@code Registry<X>} and {@code Presence<X>} must name a deployed channel.
     *
     * @param point the injection point
     * @param kind {@code Registry} or {@code Presence}
     * @param channel the type argument, or {@code null} when it names no class
     * @param deployed the valid channels
     * @param problems where to add a problem
     */
    public static void checkChannelInjection(
            InjectionPoint point, String kind, Class<?> channel, Set<Class<?>> deployed, List<String> problems) {
        if (channel != null && deployed.contains(channel)) {
            return;
        }
        String where = point.getMember() == null
                ? String.valueOf(point)
                : point.getMember().getDeclaringClass().getName() + "#"
                        + point.getMember().getName();
        if (channel == null) {
            problems.add(where + " injects " + point.getType().getTypeName() + " without naming a channel class: write"
                    + " " + kind + "<YourChannel>, one " + kind.toLowerCase(Locale.ROOT) + " per channel");
        } else {
            problems.add(where + " injects " + kind + "<" + channel.getName() + ">, but " + channel.getSimpleName()
                    + " is not a deployed channel (a class with @Route that extends Channel): name a channel class,"
                    + " or fix the problems reported for it");
        }
    }

    /**
     * @param problems at least one
     * @return the deployment's failure message, every problem numbered
     */
    public static String report(List<String> problems) {
        StringBuilder report = new StringBuilder("Channel deployment failed with ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (int i = 0; i < problems.size(); i++) {
            report.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
        }
        return report.toString();
    }

    private static String inheritedRouteHint(Class<?> type) {
        for (Class<?> c = type.getSuperclass(); c != null && c != Channel.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Route.class)) {
                return " (its superclass " + c.getName() + " has one, but routes are not inherited)";
            }
        }
        return "";
    }

    private static String whyNotABean(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass()) {
            return "it is an anonymous or local class; declare it as a top-level class";
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            return "it is a non-static inner class; declare it static or move it to its own file";
        }
        boolean usableConstructor = false;
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.isAnnotationPresent(Inject.class)
                    || (constructor.getParameterCount() == 0 && !Modifier.isPrivate(constructor.getModifiers()))) {
                usableConstructor = true;
            }
        }
        if (!usableConstructor) {
            return "it has no constructor CDI can call; add a no-argument constructor or annotate one constructor"
                    + " with @Inject";
        }
        return "CDI did not accept it as a managed bean (was it vetoed by an extension?); make it a public top-level"
                + " class with a no-argument or @Inject constructor";
    }
}
