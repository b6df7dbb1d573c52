package io.wschannels.examples.readme.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What a user has not read yet: none, in the README's example. */
@ApplicationScoped
public class Notifications {

    List<String> unread(String user) {
        return List.of();
    }
}
