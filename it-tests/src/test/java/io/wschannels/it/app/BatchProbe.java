package io.wschannels.it.app;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Batches of three, reported with the thread they ran on and whether that thread has the
 * application's Jakarta EE context (its {@code java:comp} names), as a managed executor's threads do.
 */
@Route("/batched")
@Batched(maxMessages = 3, maxDelayMillis = 200)
public class BatchProbe extends Channel {

    @Override
    public void onBatch(List<String> messages) {
        send(String.join(",", messages) + " on " + Thread.currentThread().getName() + " " + context());
    }

    private static String context() {
        try {
            new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
            return "with the application's context";
        } catch (NamingException | RuntimeException none) {
            return "without the application's context";
        }
    }
}
