/**
 * Each channel's runtime and each connection's callbacks, one concern per class: opening, admission
 * of messages, typed dispatch, batches, heartbeats, the channel instance, what the client is told
 * when a channel throws. Steps: open, admit, dispatch, close.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.runtime;
