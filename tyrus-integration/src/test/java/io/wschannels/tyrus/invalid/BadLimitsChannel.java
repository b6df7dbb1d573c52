package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;

@Route(value = "/bad-limits", origins = "chat.example.com")
@Limits(
        outboundQueueBytes = 0,
        maxMessageBytes = -1,
        maxConnections = 0,
        messageBurst = 0,
        maxConnectionsPerUser = 0,
        pongTimeoutMillis = 1000,
        idleTimeoutMillis = -5)
public class BadLimitsChannel extends Channel {}
