/**
 * What the runtime does differently on each WebSocket container, below JSR-356: writing frames it
 * framed itself (Tyrus), matching routes where the library is the container (Netty), and reading a
 * connection through its channel's message limit in front of Tyrus. Not an API: its types are
 * public only for the runtime's other packages and the standalone server.
 */
package io.wschannels.cdi.container;
