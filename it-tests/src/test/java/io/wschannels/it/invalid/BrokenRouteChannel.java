package io.wschannels.it.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("/broken/{id")
public class BrokenRouteChannel extends Channel {}
