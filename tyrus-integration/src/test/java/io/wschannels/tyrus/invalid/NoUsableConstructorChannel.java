package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("/no-constructor")
public class NoUsableConstructorChannel extends Channel {
    public NoUsableConstructorChannel(String name) {}
}
