/**
 * The admin view: what an operator sees of the channels on one server (connections, rooms, message
 * counts, slow consumers, recent refusals), as the JSON the admin page reads. Plain data; the
 * runtime reads it, the servers serve it behind a token or a role.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; the JSON it writes is documented in README.md.
 */
package io.wschannels.cdi.admin;
