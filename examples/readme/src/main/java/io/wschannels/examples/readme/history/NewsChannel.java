package io.wschannels.examples.readme.history;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

// tag::history[]
@Route("/news/{topic}")
@History(messages = 200, seconds = 300) // per room and per user: the last 200, at most 5 minutes old
public class NewsChannel extends Channel {
    @Inject
    Registry<NewsChannel> news;

    @Override
    public void onConnect() {
        news.join(param("topic"), connection()); // a returning client gets what it missed, here
    }
}
// end::history[]
