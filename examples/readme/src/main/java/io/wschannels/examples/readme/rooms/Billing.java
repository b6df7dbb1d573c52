package io.wschannels.examples.readme.rooms;

import io.wschannels.Registry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

// tag::billing[]
@Stateless
public class Billing {
    @Inject
    Registry<NotificationChannel> notifications;

    public void paid(Invoice invoice) {
        notifications
                .user(invoice.customerId()) // every open tab of that user
                .broadcastJson(new Notification("invoice_paid", invoice.number())); // when the transaction commits
    }
}
// end::billing[]
