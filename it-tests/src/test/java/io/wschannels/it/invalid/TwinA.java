package io.wschannels.it.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("/twins/{a}")
public class TwinA extends Channel {}
