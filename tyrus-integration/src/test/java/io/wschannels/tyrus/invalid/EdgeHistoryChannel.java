package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Route;

/** Valid: on the bounds of {@code @History}, one message for a day. */
@Route("/edge-history")
@History(messages = 1, seconds = 86_400)
public class EdgeHistoryChannel extends Channel {}
