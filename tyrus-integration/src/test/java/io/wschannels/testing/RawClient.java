package io.wschannels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WebSocket client written by hand on a plain socket, for what real clients never do: stop
 * reading, never answer a close or a ping, send malformed frames (RFC 6455 section 5.2).
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the handshake, asserting 101. */
    public static RawClient connect(int port, String path) throws IOException {
        return connect(port, path, 0);
    }

    /** The same with a small receive buffer, so that a client that stops reading backs up soon. */
    public static RawClient connect(int port, String path, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.connect(new InetSocketAddress("localhost", port));
        RawClient client = new RawClient(socket);
        Upgrade.send(client.out, URI.create("ws://localhost:" + port + path), Map.of());
        String head = Upgrade.readHead(client.in);
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return client;
    }

    /** Reads one unmasked server frame, which must be text, and returns its payload. */
    public String readText() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        assertEquals(1, opcode, "a text frame");
        return new String(readPayload(), StandardCharsets.UTF_8);
    }

    /** Reads one frame, which must be a close, and returns its status code. */
    public int readCloseCode() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        assertEquals(8, opcode, "a close frame");
        byte[] payload = readPayload();
        assertTrue(payload.length >= 2, "a close frame with a status code");
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /**
     * Reads frames until a close, skipping the server's pings (heartbeats) unanswered, and returns
     * its status code; any other frame fails.
     */
    public int readCloseCodeSkippingPings() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            byte[] payload = readPayload();
            if (opcode == 9) {
                continue;
            }
            assertEquals(8, opcode, "a close frame");
            assertTrue(payload.length >= 2, "a close frame with a status code");
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    /** Writes bytes as they are: frames must be masked, as clients' frames are. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private byte[] readPayload() throws IOException {
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
