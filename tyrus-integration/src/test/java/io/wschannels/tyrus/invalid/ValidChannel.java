package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

/** A valid channel deployed beside the broken ones: it must not hide or add problems. */
@Route("/valid/{id}")
public class ValidChannel extends Channel {}
