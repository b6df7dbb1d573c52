package io.wschannels.cdi.container;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * The {@link TyrusMessageLimit} on Payara and GlassFish, whose WebSocket container is Tyrus behind
 * a servlet filter: that filter upgrades with {@code request.upgrade(TyrusHttpUpgradeHandler.class)}
 * and hands the handler the engine's {@link WebSocketEngine.UpgradeInfo}. The request the library's
 * handshake filter passes on (it runs ahead of Tyrus' filter) answers that call with a
 * {@link LimitedUpgradeHandler}, a Tyrus upgrade handler in every other respect, which reads the
 * connection through the channel's limit. Other containers never ask for Tyrus' handler, and where
 * the application cannot see Tyrus' classes the upgrade is Tyrus' own (said once at INFO).
 */
public final class TyrusServletLimit {

    private static final Logger LOG = Logger.getLogger(TyrusServletLimit.class.getName());
    private static final String TYRUS_HANDLER = "org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler";

    /** Whether the limited handler can be made here; decided on the first upgrade, then kept. */
    private static volatile Boolean usable;

    private TyrusServletLimit() {}

    /**
     * @param request an upgrade request to a channel
     * @param maxMessageBytes the channel's limit
     * @param scheduler where a refused connection's socket is closed when its client never answers
     * @return the request to pass on to the WebSocket container
     */
    public static HttpServletRequest limited(
            HttpServletRequest request, long maxMessageBytes, Supplier<ScheduledExecutorService> scheduler) {
        if (usable == null && !tyrusVisible()) {
            usable = false; // not Tyrus' servlet container (WildFly, Open Liberty)
        }
        if (Boolean.FALSE.equals(usable)) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass)
                    throws IOException, ServletException {
                if (!handlerClass.getName().equals(TYRUS_HANDLER) || Boolean.FALSE.equals(usable)) {
                    return super.upgrade(handlerClass);
                }
                HttpUpgradeHandler limited;
                try {
                    LimitedUpgradeHandler handler = super.upgrade(LimitedUpgradeHandler.class);
                    handler.maxMessageBytes = maxMessageBytes;
                    handler.scheduler = scheduler;
                    limited = handler;
                    usable = true;
                } catch (LinkageError | ClassCastException notHere) {
                    usable = false;
                    LOG.log(
                            Level.INFO,
                            "Channel messages over their limit are refused by Tyrus here, which buffers up to its"
                                    + " incoming buffer size first: the application cannot extend Tyrus' upgrade"
                                    + " handler (" + notHere + ")",
                            notHere);
                    return super.upgrade(handlerClass);
                }
                return handlerClass.cast(limited);
            }
        };
    }

    private static boolean tyrusVisible() {
        try {
            Class.forName(TYRUS_HANDLER, false, TyrusServletLimit.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /**
     * Tyrus' servlet upgrade handler, reading through the channel's limit. Public with a public
     * constructor because the servlet container creates it. Not an API.
     */
    public static final class LimitedUpgradeHandler extends TyrusHttpUpgradeHandler {

        private volatile long maxMessageBytes = -1;
        private volatile Supplier<ScheduledExecutorService> scheduler;

        @Override
        public void preInit(WebSocketEngine.UpgradeInfo upgradeInfo, Writer writer, boolean authenticated) {
            super.preInit(
                    maxMessageBytes < 0
                            ? upgradeInfo
                            : TyrusMessageLimit.upgrade(upgradeInfo, maxMessageBytes, scheduler),
                    writer,
                    authenticated);
        }
    }
}
