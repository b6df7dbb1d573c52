package io.wschannels.cdi.discovery;

import io.wschannels.Channel;
import io.wschannels.Handle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@link Handle} methods of one channel class, by message type. */
public final class Handlers {

    static final Handlers NONE = new Handlers(Map.of());

    /** One method; {@code parameter} is {@code null} when it takes none. */
    public record Handler(String type, Method method, Type parameter) {}

    private final Map<String, Handler> byType;

    private Handlers(Map<String, Handler> byType) {
        this.byType = byType;
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    public Handler get(String type) {
        return byType.get(type);
    }

    /** Collects the handlers of a channel class and its superclasses, adding a problem for each bad one. */
    static Handlers scan(Class<?> channel, List<String> problems) {
        Map<String, Handler> found = new LinkedHashMap<>();
        Set<String> overridden = new HashSet<>();
        for (Class<?> c = channel; c != null && c != Channel.class && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                String signature = method.getName() + Arrays.toString(method.getParameterTypes());
                Handle handle = method.getAnnotation(Handle.class);
                boolean seen = !overridden.add(signature);
                if (handle == null || seen || method.isSynthetic()) {
                    continue;
                }
                String where = c.getName() + "#" + method.getName();
                String type = handle.value();
                if (type.isBlank()) {
                    problems.add(where + " has @Handle(\"\"): name the message type it handles, as in"
                            + " @Handle(\"move\") for {\"type\":\"move\",...}");
                    continue;
                }
                if (Modifier.isStatic(method.getModifiers())) {
                    problems.add(where + " is static; @Handle methods run on the connection's channel instance:"
                            + " remove static");
                    continue;
                }
                if (method.getParameterCount() > 1) {
                    problems.add(where + " takes " + method.getParameterCount() + " parameters; a @Handle method takes"
                            + " the decoded message (a record with the message's fields) or nothing");
                    continue;
                }
                Handler other = found.get(type);
                if (other != null) {
                    problems.add(where + " and "
                            + other.method().getDeclaringClass().getName() + "#"
                            + other.method().getName() + " both handle \"" + type + "\"; each type has one method");
                    continue;
                }
                method.setAccessible(true);
                found.put(
                        type,
                        new Handler(
                                type,
                                method,
                                method.getParameterCount() == 1 ? method.getGenericParameterTypes()[0] : null));
            }
        }
        if (!found.isEmpty()) {
            for (Class<?> c = channel; c != Channel.class && c != null; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod("onMessage", String.class);
                    problems.add(channel.getName() + " has @Handle methods and also overrides onMessage(String) in "
                            + c.getName() + ": messages go to one or the other; remove onMessage, or the @Handle"
                            + " annotations");
                    break;
                } catch (NoSuchMethodException notThere) {
                    // keep looking up the hierarchy
                }
            }
        }
        return found.isEmpty() ? NONE : new Handlers(Map.copyOf(found));
    }

    /** The handled types, for logs. */
    Set<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
