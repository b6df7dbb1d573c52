package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wschannels.Channel;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.connection.LiveConnection;
import org.junit.jupiter.api.Test;

/** Instances handed over by the caller (the test kit without CDI) get their connection, once. */
class ChannelInstancesTest {

    @Route("/plain")
    public static class Plain extends Channel {
        LiveConnection mine() {
            return (LiveConnection) connection();
        }
    }

    private final RuntimeFixture fixture = new RuntimeFixture(Plain.class);
    private final ChannelInstances instances = ChannelInstances.handedOver(Plain.class);

    @Test
    void anInstanceMadeWithNewIsAttachedToItsConnection() {
        LiveConnection connection = fixture.connection(new FakePeer());
        Plain plain = new Plain();
        assertSame(plain, instances.create(connection, plain).channel());
        assertSame(connection, plain.mine());
    }

    @Test
    void oneInstanceCannotServeTwoConnections() {
        Plain plain = new Plain();
        instances.create(fixture.connection(new FakePeer()), plain);
        IllegalStateException twice = assertThrows(
                IllegalStateException.class, () -> instances.create(fixture.connection(new FakePeer()), plain));
        assertEquals(plain + " serves a connection already: make one instance per connection", twice.getMessage());
    }

    @Test
    void withoutAnInstanceTheCallerIsToldThatItMakesThem() {
        LiveConnection connection = fixture.connection(new FakePeer());
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> instances.create(connection, null));
        assertEquals(
                "No instance of " + Plain.class.getName() + " was handed over for " + connection
                        + ": channels of a deployment without CDI are made by the caller, one per connection",
                missing.getMessage());
    }
}
