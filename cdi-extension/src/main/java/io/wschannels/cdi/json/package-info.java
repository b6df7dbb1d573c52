/**
 * JSON for the runtime: JSON Binding and JSON Processing, and the envelopes every client reads.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.json;
