package io.wschannels.tyrus.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files served from class path folders under URL prefixes: the browser client at
 * {@code /wschannels/} and the application's static files at the root, as on the Tyrus container.
 * GET and HEAD; {@code index.html} answers for a folder; nothing outside the folders.
 */
final class ClasspathFiles {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=UTF-8"),
            Map.entry("htm", "text/html;charset=UTF-8"),
            Map.entry("js", "text/javascript;charset=UTF-8"),
            Map.entry("mjs", "text/javascript;charset=UTF-8"),
            Map.entry("css", "text/css;charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain;charset=UTF-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("wasm", "application/wasm"));

    private record Folder(String prefix, ClassLoader loader, String resources) {}

    private final List<Folder> folders = new ArrayList<>();

    /**
     * @param prefix the URL path it is served under, ending with {@code /}
     * @param loader where to look
     * @param resources the class path folder, ending with {@code /}, without a leading one
     */
    ClasspathFiles add(String prefix, ClassLoader loader, String resources) {
        folders.add(new Folder(prefix, loader, resources));
        return this;
    }

    void serve(ChannelHandlerContext context, FullHttpRequest request, String path) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            Upgrades.answer(context, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD", null);
            return;
        }
        byte[] body = null;
        String name = null;
        if (!path.contains("..") && !path.contains("\\") && !path.contains("//")) {
            for (Folder folder : folders) {
                if (path.startsWith(folder.prefix) || (path + "/").equals(folder.prefix)) {
                    String relative =
                            path.length() <= folder.prefix.length() ? "" : path.substring(folder.prefix.length());
                    name = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
                    body = read(folder.loader, folder.resources + name);
                    if (body != null) {
                        break;
                    }
                }
            }
        }
        if (body == null) {
            Upgrades.answer(context, request, HttpResponseStatus.NOT_FOUND, "Not found: " + path, null);
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"));
        HttpUtil.setContentLength(response, body.length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = context.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The bytes of a class path file, or {@code null} if there is none (a folder is none). */
    private static byte[] read(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null || url.getPath().endsWith("/")) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException folderOrGone) {
            return null;
        }
    }
}
