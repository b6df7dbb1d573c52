package io.wschannels.examples.readme;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;

// tag::limits[]
@Route("/ticker")
@Limits(
        outboundQueueBytes = 256 * 1024, // 1 MiB by default; then the overflow policy
        overflow = Limits.Overflow.FAIL_SEND, // or CLOSE, the default (1008)
        maxMessageBytes = 4 * 1024, // from clients; 64 KiB by default, then 1009
        maxConnections = 50_000, // 10,000 by default, then 1013
        messagesPerSecond = 20, // 100 by default, bursts of messageBurst (200)
        messageBurst = 40,
        heartbeatMillis = 10_000, // a ping every 30 s by default
        pongTimeoutMillis = 25_000) // ended after 60 s without an answer by default
public class TickerChannel extends Channel {}
// end::limits[]
