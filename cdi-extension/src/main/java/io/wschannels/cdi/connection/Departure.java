package io.wschannels.cdi.connection;

/**
 * What happens once when a connection stops taking part: it was closed by either side, refused, or
 * ended. The channel's runtime makes the connection leave its rooms, its user and its presence here,
 * so that the connection itself knows nothing of the registries that index it.
 */
@FunctionalInterface
public interface Departure {

    /** @param connection the connection that left; called at most once for it, from any thread */
    void left(LiveConnection connection);
}
