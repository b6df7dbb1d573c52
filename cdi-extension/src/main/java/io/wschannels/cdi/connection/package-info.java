/**
 * One connection: what the client asked for, its state, and its ordered, bounded outbound queue.
 * Steps: outbox, close.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.connection;
