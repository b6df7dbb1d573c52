/**
 * What {@code @History} keeps: each room's and user's stream of recent broadcasts with their
 * positions, and a returning client's request to resume them. Plain data, below the connections.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.history;
