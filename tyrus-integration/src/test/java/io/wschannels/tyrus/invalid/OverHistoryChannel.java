package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Route;

/** Just over both bounds of {@code @History}. */
@Route("/over-history")
@History(messages = 10_001, seconds = 86_401)
public class OverHistoryChannel extends Channel {}
