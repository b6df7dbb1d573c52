package io.wschannels.tyrus.invalid;

import io.wschannels.Route;

@Route("/not-a-channel")
public class NotAChannel {}
