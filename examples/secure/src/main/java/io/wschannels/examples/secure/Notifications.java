package io.wschannels.examples.secure;

import io.wschannels.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notifications per user, kept in memory, and pushed to the user's open connections when they are
 * created. Any bean (a REST resource, an EJB, a message listener) calls {@link #notify}.
 */
@ApplicationScoped
public class Notifications {

    /** One notification, as clients receive it. */
    public record Notification(String id, String title) {}

    @Inject
    Registry<NotificationChannel> registry;

    private final Map<String, List<Notification>> unread = new ConcurrentHashMap<>();

    /** Stores a notification and sends it to every open connection of the user. */
    public Notification notify(String user, String title) {
        Notification notification = new Notification(UUID.randomUUID().toString(), title);
        unread.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(notification);
        registry.user(user).broadcastJson(Map.of("type", "notification", "notification", notification));
        return notification;
    }

    List<Notification> unread(String user) {
        return List.copyOf(unread.getOrDefault(user, List.of()));
    }

    boolean markRead(String user, String id) {
        List<Notification> mine = unread.get(user);
        return mine != null && mine.removeIf(n -> n.id().equals(id));
    }
}
