package io.wschannels.it.payara;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara Micro's own adapter, guarded at both ends of a server's life. The adapter starts a Micro
 * per deployment and waits for its start-up banner; a Micro 7 now and then deadlocks in its own
 * start-up, before the application (HK2 run-level threads parked on the service locator, one in the
 * notification service's configuration, one creating Hazelcast), and the adapter gives up only at its
 * start-up timeout, leaving the process running. Here a Micro that is still alive without its banner
 * at the timeout has its threads dumped to a file, is killed, and is started once more. At undeploy
 * the adapter only asks the process to end; here the next deployment waits until it has, and a
 * Micro that ignores the request is killed, so that none boots beside another shutting down and none
 * outlives the build.
 */
public final class GuardedPayaraMicro extends PayaraMicroDeployableContainer {

    private static final Logger LOG = Logger.getLogger(GuardedPayaraMicro.class.getName());
    /** How long a Micro may take to exit once asked, before it is killed; it takes 1-3 s. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        try {
            return super.deploy(archive);
        } catch (DeploymentException notBooted) {
            Process hung = process();
            if (hung == null || !hung.isAlive()) {
                throw notBooted;
            }
            String dump = Processes.dumpThreads(hung, Path.of(System.getProperty("java.io.tmpdir")));
            LOG.warning("Payara Micro (pid " + hung.pid() + ") had not finished booting with " + archive.getName()
                    + " at the start-up timeout; its threads are in " + dump + ". Killed, starting it once more.");
            Processes.kill(hung);
        }
        try {
            return super.deploy(archive);
        } catch (DeploymentException again) {
            Process second = process();
            if (second != null) {
                Processes.kill(second);
            }
            throw again;
        }
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        super.undeploy(archive);
        Process micro = process();
        if (micro != null && !Processes.awaitExit(micro, EXIT_WAIT)) {
            LOG.warning("Payara Micro (pid " + micro.pid() + ") did not exit within " + EXIT_WAIT.toSeconds()
                    + " s of being asked to; killed.");
            Processes.kill(micro);
        }
    }

    /** The process the adapter started last, which it keeps to itself. */
    private Process process() {
        try {
            Field field = PayaraMicroDeployableContainer.class.getDeclaredField("payaraMicroProcess");
            field.setAccessible(true);
            return (Process) field.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "This version of the Payara Micro adapter keeps its process elsewhere: " + e, e);
        }
    }
}
