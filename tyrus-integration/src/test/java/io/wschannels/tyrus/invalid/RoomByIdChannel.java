package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;

@Route("/rooms/{id}")
public class RoomByIdChannel extends Channel {}
