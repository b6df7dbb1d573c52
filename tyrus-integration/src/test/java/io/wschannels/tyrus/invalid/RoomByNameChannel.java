package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("/rooms/:name")
public class RoomByNameChannel extends Channel {}
