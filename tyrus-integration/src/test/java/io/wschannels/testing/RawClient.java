package io.wschannels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * A client frame of {@code length} bytes of 'a', masked with a zero key (which leaves the
     * payload as it is), its length in the fewest bytes as RFC 6455 requires.
     */
    public static byte[] maskedFrame(int opcode, boolean last, int length) {
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + length];
        frame[0] = (byte) ((last ? 0x80 : 0) | opcode);
        frame[1] = (byte) (0x80 | (lengthBytes == 0 ? length : lengthBytes == 2 ? 126 : 127));
        for (int i = 0; i < lengthBytes; i++) {
            frame[2 + i] = (byte) ((long) length >>> (8 * (lengthBytes - 1 - i)));
        }
        Arrays.fill(frame, 2 + lengthBytes + 4, frame.length, (byte) 'a');
        return frame;
    }

    /** Reads one frame, whatever it is, and returns its opcode. */
    public int readOpcode() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        readPayload();
        return opcode;
    }

    /** Sends a close frame with this status code (masked with a zero key). */
    public void writeClose(int code) throws IOException {
        write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, (byte) (code >>> 8), (byte) code});
    }

    /**
     * Reads and drops whatever the server still sends until it closes the socket.
     *
     * @return whether it did within {@code within}
     */
    public boolean serverClosesWithin(java.time.Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }
    }

    /** Writes bytes as they are: frames must be masked, as clients' frames are. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends the header of one text frame of {@code length} bytes, then its payload in small
     * writes, until the server answers with a close or stops the connection; reads that close
     * meanwhile. The bytes written say how much the server took in before refusing.
     *
     * @return the server's close code (-1 if it ended the connection without one) and the bytes written
     */
    public Refusal streamTextFrameUntilRefused(long length) throws IOException {
        socket.setSendBufferSize(16 * 1024);
        CompletableFuture<Integer> close = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                close.complete(readCloseCodeSkippingPings());
            } catch (IOException | RuntimeException | AssertionError ended) {
                close.complete(-1);
            }
        });
        reader.setDaemon(true);
        reader.start();
        long written = 0;
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write(0x81); // FIN, text
            header.write(0x80 | 127); // masked, 64-bit length
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >>> shift) & 0xFF);
            }
            header.write(new byte[4]); // a zero mask leaves the payload as it is
            out.write(header.toByteArray());
            byte[] chunk = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            while (written < length && !close.isDone()) {
                int next = (int) Math.min(chunk.length, length - written);
                out.write(chunk, 0, next);
                written += next;
            }
            out.flush();
        } catch (IOException refused) {
            // The server closed the socket under the write: what it sent before is still readable.
        }
        try {
            return new Refusal(close.get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), written);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("No close within " + TestClient.TIMEOUT + " after " + written + " bytes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            reader.interrupt();
        }
    }

    /** How the server refused a frame: its close code, and the payload bytes written until then. */
    public record Refusal(int closeCode, long bytesWritten) {}

    private byte[] readPayload() throws IOException {
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return in.readNBytes(Math.toIntExact(length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
