package io.wschannels.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one WebSocket upgrade request on a plain socket and reads the HTTP answer, for tests of
 * refusals before the upgrade: WebSocket clients report a refused handshake without its status,
 * headers or body.
 */
public final class Upgrade {

    /** The server's answer; headers by lower-case name. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private Upgrade() {}

    /**
     * @param uri {@code ws://host:port/path?query}
     * @param headers extra request headers, for example {@code Origin} or {@code Authorization}
     */
    public static Answer request(URI uri, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            send(socket.getOutputStream(), uri, headers);
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    answerHeaders.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            String body = "";
            if (status != 101) {
                String length = answerHeaders.get("content-length");
                body = length != null
                        ? new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8)
                        : answerHeaders.getOrDefault("transfer-encoding", "").contains("chunked")
                                ? readChunked(in)
                                : "";
            }
            return new Answer(status, answerHeaders, body);
        }
    }

    /** Writes an upgrade request for {@code uri}, with extra headers, as a WebSocket client does. */
    static void send(OutputStream out, URI uri, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder("GET ")
                .append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(uri.getHost())
                .append(':')
                .append(uri.getPort())
                .append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads the status line and headers of an HTTP answer, up to the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The server closed the connection before answering: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }
}
