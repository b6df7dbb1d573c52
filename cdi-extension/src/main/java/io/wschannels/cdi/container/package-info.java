/**
 * What the runtime does differently on each WebSocket container, below JSR-356: writing frames it
 * framed itself (Tyrus). Not an API: its types are public only for the runtime's other packages.
 */
package io.wschannels.cdi.container;
