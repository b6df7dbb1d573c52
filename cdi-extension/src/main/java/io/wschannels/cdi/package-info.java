/**
 * The channel runtime's wiring: the CDI extension that discovers and checks channels, their
 * registration with the WebSocket container (servlet initializer, handshake filter, endpoint
 * configurator), the container-facing endpoint, and {@link io.wschannels.cdi.ChannelDeployment},
 * through which the standalone server and the test kit drive it.
 *
 * <p>Not an API for applications, which use {@code io.wschannels}; it changes without notice.
 */
package io.wschannels.cdi;
