package io.wschannels.examples.readme;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** A lobby whose members see who is there: the README's presence example. */
@Route("/lobby")
public class PresentChannel extends Channel {

    @Inject
    Registry<PresentChannel> registry;

    // tag::presence[]
    @Inject
    Presence<PresentChannel> presence;

    @Override
    public void onConnect() {
        registry.identify(connection(), param("user")); // a user's tabs count as one
        registry.join("lobby", connection());
        presence.track("lobby", connection(), Map.of("name", param("name"))); // the lobby is told
        Map<String, List<Map<String, String>>> here = presence.list("lobby"); // user -> metadata per connection
        sendJson(here);
    }
    // end::presence[]
}
