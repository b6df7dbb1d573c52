package io.wschannels.it.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("/twins/:b")
public class TwinB extends Channel {}
