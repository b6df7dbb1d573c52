package io.wschannels.tyrus.container;

import io.wschannels.cdi.container.FrameWriter;
import io.wschannels.cdi.container.FrameWriters;
import jakarta.websocket.OnMessage;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes, for {@code "n"}, a text of {@code n} bytes framed by hand through the session's
 * {@link FrameWriter}, between two texts Tyrus sends itself; answers {@code "none"} when the
 * session has no frame writer.
 */
@ServerEndpoint("/framing")
public class FramingEndpoint {

    @OnMessage
    public void message(String size, Session session) throws Exception {
        FrameWriter writer = FrameWriters.of(session);
        if (writer == null) {
            session.getBasicRemote().sendText("none");
            return;
        }
        session.getBasicRemote().sendText("before");
        byte[] payload = "y".repeat(Integer.parseInt(size)).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<SendResult> written = new CompletableFuture<>();
        writer.write(frame(payload), written::complete);
        SendResult result = written.get(10, TimeUnit.SECONDS);
        if (!result.isOK()) {
            throw new IOException("the framed write failed", result.getException());
        }
        session.getBasicRemote().sendText("after");
    }

    /** Written out here rather than shared with the library: the test checks the library's framing too. */
    private static ByteBuffer frame(byte[] payload) {
        int length = payload.length;
        ByteBuffer frame = ByteBuffer.allocate(10 + length);
        frame.put((byte) 0x81);
        if (length < 126) {
            frame.put((byte) length);
        } else if (length < 65_536) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(payload).flip();
    }
}
