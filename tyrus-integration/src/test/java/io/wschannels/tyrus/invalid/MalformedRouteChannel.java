package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("chat/{room")
public class MalformedRouteChannel extends Channel {}
