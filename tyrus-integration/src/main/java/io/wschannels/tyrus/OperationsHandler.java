package io.wschannels.tyrus;

import io.wschannels.tyrus.ops.Operations;
import java.io.IOException;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;

/** The operations endpoints ({@code /metrics}, {@code /health}, the admin data) on the Tyrus listener. */
final class OperationsHandler extends HttpHandler {

    private final Operations operations;

    private OperationsHandler(Operations operations) {
        this.operations = operations;
    }

    /** Registers a handler at each path the operations serve; none when they serve nothing. */
    static void addTo(ServerConfiguration configuration, Operations operations) {
        for (String path : operations.paths()) {
            configuration.addHttpHandler(new OperationsHandler(operations), path);
        }
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (!Method.GET.equals(request.getMethod()) && !Method.HEAD.equals(request.getMethod())) {
            response.setStatus(405);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        Operations.Answer answer = operations.answer(request.getRequestURI(), request.getHeader("Authorization"));
        if (answer == null) {
            response.setStatus(404);
            return;
        }
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader("Cache-Control", "no-store");
        if (answer.challenge() != null) {
            response.setHeader("WWW-Authenticate", answer.challenge());
        }
        response.setContentLength(answer.body().length);
        if (Method.GET.equals(request.getMethod())) {
            response.getOutputStream().write(answer.body());
        }
    }
}
