package io.wschannels.it.app;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.logging.Logger;

/**
 * Logs the marker it is given at INFO: once a test finds it in the server's log, everything the
 * server logged before it is there too.
 */
@Path("log-marker")
public class LogMarker {

    private static final Logger LOG = Logger.getLogger(LogMarker.class.getName());

    @POST
    @Path("{marker}")
    public void log(@PathParam("marker") String marker) {
        LOG.info(marker);
    }
}
