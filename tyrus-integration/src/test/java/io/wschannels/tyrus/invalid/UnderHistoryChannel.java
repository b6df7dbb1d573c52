package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Route;

/** Just under both bounds of {@code @History}. */
@Route("/under-history")
@History(messages = 0, seconds = 0)
public class UnderHistoryChannel extends Channel {}
