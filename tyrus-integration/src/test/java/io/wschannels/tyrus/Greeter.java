package io.wschannels.tyrus;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class Greeter {
    public String greet(String name) {
        return "hello " + name;
    }
}
