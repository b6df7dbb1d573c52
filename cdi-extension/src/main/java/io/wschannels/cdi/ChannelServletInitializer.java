package io.wschannels.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Registers channels in web applications on any Jakarta EE server, without web.xml.
 *
 * <p>Why a listener and not a {@code ServerApplicationConfig}: WildFly (Undertow) calls
 * {@code ServerApplicationConfig#getEndpointConfigs} in a deployment step that runs before CDI has
 * started, when no channel has been discovered yet. Servlet listeners run after CDI on WildFly and
 * on Payara (Weld boots before the web module starts), and Jakarta WebSocket requires containers to
 * accept {@code ServerContainer#addEndpoint} from {@code contextInitialized}. The container is
 * found under the standard servlet context attribute; on Payara/Tyrus it exists only if the
 * container's scan found an endpoint class, which {@link ChannelEndpoint} guarantees.
 *
 * <p>Public only because {@link java.util.ServiceLoader} and the servlet container require it.
 */
public final class ChannelServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        // Added as a listener so it runs after every initializer, including the one that creates
        // the WebSocket ServerContainer (initializer order is unspecified).
        context.addListener(Registrar.class);
        // Filters can only be added here (not from a listener added here); it stays idle until the
        // registrar has published the deployment, and in applications without channels.
        FilterRegistration.Dynamic filter = context.addFilter(HandshakeFilter.class.getName(), new HandshakeFilter());
        if (filter != null) {
            filter.setAsyncSupported(true);
            // Ahead of the filters the application declares, and of the WebSocket container's own.
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        addAdminView(context);
    }

    /**
     * The admin view's data, when the application names the role allowed to see it (context
     * parameter {@code channels.admin.role} in web.xml, or the system property of that name): a
     * servlet that only that role may call. Nothing when it names none.
     */
    private static void addAdminView(ServletContext context) {
        String role = context.getInitParameter(AdminServlet.ROLE);
        if (role == null) {
            role = System.getProperty(AdminServlet.ROLE);
        }
        if (role == null || role.isBlank()) {
            return;
        }
        String allowed = role.trim();
        ServletRegistration.Dynamic admin = context.addServlet(AdminServlet.class.getName(), new AdminServlet(allowed));
        if (admin == null) {
            return; // the application declares a servlet of that name: it is left alone
        }
        admin.addMapping(AdminServlet.PATH);
        admin.setServletSecurity(
                new ServletSecurityElement(new HttpConstraintElement(TransportGuarantee.NONE, allowed)));
        context.declareRoles(allowed);
        Logger.getLogger(ChannelServletInitializer.class.getName())
                .info(() -> "The channels' admin view is served at " + context.getContextPath()
                        + "/wschannels/admin.html to users in the role " + allowed);
    }

    /** Registers at start-up, closes connections (1001) at undeployment. */
    public static final class Registrar implements ServletContextListener {

        private static final Logger LOG = Logger.getLogger(Registrar.class.getName());
        private ChannelDeployment deployment;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServletContext context = event.getServletContext();
            BeanManager beanManager;
            try {
                beanManager = CDI.current().getBeanManager();
            } catch (IllegalStateException e) {
                LOG.info(() -> "CDI is not enabled in web application " + context.getContextPath()
                        + ", so it has no channels");
                return;
            }
            deployment = ChannelDeployment.of(beanManager);
            if (deployment.routes().isEmpty()) {
                return;
            }
            Object container = context.getAttribute(ServerContainer.class.getName());
            if (!(container instanceof ServerContainer serverContainer)) {
                throw new IllegalStateException("Web application " + context.getContextPath() + " has channels "
                        + deployment.routes() + " but the server provides no WebSocket container (servlet context"
                        + " attribute " + ServerContainer.class.getName() + " is missing). Enable WebSocket support"
                        + " in the server (on WildFly the undertow subsystem's websockets, on Payara the websocket"
                        + " module).");
            }
            try {
                deployment.registerWith(serverContainer, beanManager);
                context.setAttribute(HandshakeFilter.DEPLOYMENT, deployment);
            } catch (DeploymentException e) {
                throw new IllegalStateException(
                        "The WebSocket container refused the channels of " + context.getContextPath() + ": "
                                + e.getMessage(),
                        e);
            }
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            if (deployment != null) {
                deployment.shutdown("Application stopping", Duration.ofSeconds(5));
            }
        }
    }
}
