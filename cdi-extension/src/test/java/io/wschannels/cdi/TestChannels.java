package io.wschannels.cdi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.discovery.ChannelRules;
import jakarta.enterprise.context.Dependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Channel definitions for unit tests, checked by the same rules as at deployment. */
public final class TestChannels {

    private TestChannels() {}

    /** @return the definition of a valid channel class */
    public static ChannelDefinition definition(Class<?> channel) {
        List<String> problems = new ArrayList<>();
        ChannelDefinition definition = ChannelRules.check(channel, Map.of(channel, Dependent.class), problems);
        assertTrue(problems.isEmpty(), problems.toString());
        return definition;
    }
}
