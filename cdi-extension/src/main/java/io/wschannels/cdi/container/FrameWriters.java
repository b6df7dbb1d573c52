package io.wschannels.cdi.container;

import jakarta.websocket.Session;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the {@link FrameWriter} of a session where the container has one the library knows how to
 * reach: Tyrus (the standalone server's default container, Payara's and GlassFish's), or a session
 * that is one itself (the standalone server on Netty). Elsewhere, or if
 * this Tyrus version's internals differ, there is none and messages are sent through JSR-356 as
 * text, which is correct everywhere, only slower for broadcasts.
 */
public final class FrameWriters {

    private static final Logger LOG = Logger.getLogger(FrameWriters.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";

    /** Whether the Tyrus way works here; decided on the first Tyrus session, then kept. */
    private static volatile Boolean tyrusUsable;

    private FrameWriters() {}

    /** @return the session's frame writer, or {@code null} when messages must go through JSR-356 */
    public static FrameWriter of(Session session) {
        if (session instanceof FrameWriter own) {
            // A container the library provides itself (the standalone server on Netty).
            return own;
        }
        if (!session.getClass().getName().equals(TYRUS_SESSION) || Boolean.FALSE.equals(tyrusUsable)) {
            return null;
        }
        try {
            FrameWriter writer = TyrusFrameWriter.of(session);
            tyrusUsable = true;
            return writer;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (tyrusUsable == null) {
                LOG.log(
                        Level.INFO,
                        "Broadcasts are framed per recipient through JSR-356: this Tyrus ("
                                + session.getClass().getPackage().getImplementationVersion()
                                + ") does not let the library write frames itself (" + e + ")",
                        e);
            }
            tyrusUsable = false;
            return null;
        }
    }
}
