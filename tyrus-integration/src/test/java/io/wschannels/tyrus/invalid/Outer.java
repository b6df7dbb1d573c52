package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

public class Outer {
    @Route("/inner")
    public class InnerChannel extends Channel {}
}
