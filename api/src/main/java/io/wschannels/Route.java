package io.wschannels;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The WebSocket path a {@link Channel} answers on.
 *
 * <p>A route is an absolute path of segments. A segment is either literal ({@code chat}) or a path
 * parameter, written in the Jakarta form {@code {room_id}} or in Azu's form {@code :room_id}; both
 * mean the same, so {@code /chat/{room_id}} and {@code /chat/:room_id} are one route. A parameter
 * fills a whole segment; its name starts with a letter or {@code _} and continues with letters,
 * digits or {@code _}. Routes end without a slash (except {@code /} itself) and carry no query
 * string. Read parameters with {@link Connection#pathParam(String)} or {@link Connection#param(String)}.
 *
 * <p>The annotation is a CDI stereotype that makes the channel a {@code @Dependent} bean, so
 * channels are discovered in archives with {@code bean-discovery-mode="annotated"} and in WARs
 * without {@code beans.xml}. A malformed route, or two channels on equivalent routes (routes that
 * differ only in parameter names), fail the deployment with a message naming the classes.
 */
@Stereotype
@Dependent
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Route {

    /**
     * The path template, for example {@code /chat/{room_id}} or {@code /chat/:room_id}.
     *
     * @return the route, starting with {@code /}
     */
    String value();

    /**
     * The web origins whose pages may connect, for example {@code "https://app.example.com"}, or
     * {@code "*"} for any. By default only pages of the server's own origin may: a browser sends an
     * {@code Origin} header with every WebSocket handshake, and a request whose origin is neither
     * this server's (its {@code Host}, or {@code X-Forwarded-Host} behind a proxy) nor listed is
     * refused with HTTP 403 before the upgrade, so another site's page cannot open a connection with
     * the user's cookies (cross-site WebSocket hijacking). Clients that are not browsers send no
     * {@code Origin} and are not affected.
     *
     * @return origins as {@code scheme://host} or {@code scheme://host:port}, or {@code "*"}
     */
    String[] origins() default {};
}
