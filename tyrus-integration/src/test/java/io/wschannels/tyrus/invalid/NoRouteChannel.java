package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;

public class NoRouteChannel extends Channel {}
