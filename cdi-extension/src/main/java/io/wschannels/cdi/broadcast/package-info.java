/**
 * Registries, presence and broadcasts: who is in which room, and how a broadcast reaches them on
 * every server. Step: broadcast.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.broadcast;
