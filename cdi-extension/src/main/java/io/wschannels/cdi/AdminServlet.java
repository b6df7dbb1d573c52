package io.wschannels.cdi;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The admin view's data on an application server, {@code /wschannels/admin.json}, for users in the
 * configured role only. The servlet is registered with a security constraint for that role, so
 * the server's own authentication (the application's login configuration or Jakarta Security
 * mechanism) asks for a user and refuses others; the role is checked here again, so that a server
 * that ignored the constraint would still not show the view.
 */
final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the admin page reads what it shows, within the web application. */
    static final String PATH = "/wschannels/admin.json";

    /** The servlet context parameter (or, without it, system property) that names the role. */
    static final String ROLE = "channels.admin.role";

    private final String role;

    AdminServlet(String role) {
        this.role = role;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        if (request.getUserPrincipal() == null && !request.authenticate(response)) {
            return; // the server's mechanism has answered: 401 and its challenge
        }
        if (!request.isUserInRole(role)) {
            response.sendError(
                    HttpServletResponse.SC_FORBIDDEN,
                    "The admin view is for users in the role " + role + " (" + ROLE + ")");
            return;
        }
        if (!(getServletContext().getAttribute(HandshakeFilter.DEPLOYMENT) instanceof ChannelDeployment deployment)) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The channels are not registered");
            return;
        }
        byte[] view = deployment.adminView();
        response.setContentType("application/json");
        response.setContentLength(view.length);
        response.getOutputStream().write(view);
    }
}
