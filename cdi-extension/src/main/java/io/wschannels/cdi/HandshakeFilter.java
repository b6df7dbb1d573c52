package io.wschannels.cdi;

import io.wschannels.cdi.container.TyrusServletLimit;
import io.wschannels.cdi.handshake.Gate;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Refuses WebSocket upgrade requests to channels with an HTTP status before the container upgrades
 * them: 403 for a foreign origin, 401 for a client without valid credentials (clients that are not
 * browsers; see {@code @Authenticated}). Mapped to every path ahead of the application's own
 * filters, it looks only at requests with {@code Upgrade: websocket}; the rest pass untouched.
 * Everything it lets through is decided again in the handshake. On Tyrus' servlet container (Payara,
 * GlassFish) it also has the upgrade read through the channel's message limit ({@link TyrusServletLimit}).
 */
final class HandshakeFilter implements Filter {

    /** The servlet context attribute under which the registrar leaves the running deployment. */
    static final String DEPLOYMENT = ChannelDeployment.class.getName();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http
                && response instanceof HttpServletResponse answer
                && "websocket".equalsIgnoreCase(http.getHeader("Upgrade"))
                && http.getServletContext().getAttribute(DEPLOYMENT) instanceof ChannelDeployment deployment) {
            String path = http.getRequestURI().substring(http.getContextPath().length());
            Gate.Refusal refusal = deployment
                    .beforeUpgrade()
                    .refusal(
                            path,
                            http.getQueryString(),
                            name -> Collections.list(http.getHeaders(name)),
                            http.getUserPrincipal());
            if (refusal != null) {
                answer.setStatus(refusal.status());
                if (refusal.wwwAuthenticate() != null) {
                    answer.setHeader("WWW-Authenticate", refusal.wwwAuthenticate());
                }
                answer.setHeader("Cache-Control", "no-store");
                answer.setContentType("application/json");
                answer.setCharacterEncoding("UTF-8");
                answer.getWriter().write(refusal.body());
                return;
            }
            long limit = deployment.beforeUpgrade().maxMessageBytes(path);
            if (limit >= 0) {
                chain.doFilter(TyrusServletLimit.limited(http, limit, deployment::scheduler), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
