package io.wschannels.it.app;

import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** Joins the room of its path and says so: what it receives afterwards are the orders' broadcasts. */
@Route("/orders/{room}")
public class OrdersChannel extends Channel {

    @Inject
    Registry<OrdersChannel> orders;

    @Override
    public void onConnect() {
        orders.join(param("room"), connection());
        send("joined");
    }
}
