package com.example;

import io.wschannels.Channel;
import io.wschannels.Route;

/** Greets whoever connects to ws://host:8080/hello/greet/{name}, and echoes what they say. */
@Route("/greet/{name}")
public class GreetChannel extends Channel {

    @Override
    public void onConnect() {
        send("Hello, " + param("name") + "!");
    }

    @Override
    public void onMessage(String message) {
        send(message);
    }
}
