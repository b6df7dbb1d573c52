package io.wschannels.it.app;

import io.wschannels.Registry;
import io.wschannels.examples.chat.ChatChannel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.Map;

/** A singleton EJB whose timer pushes to the chat room "ticks" through the injected registry. */
@Singleton
@Startup
public class Ticker {

    @Inject
    Registry<ChatChannel> chat;

    @Resource
    TimerService timers;

    private int count;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(500, 250, new TimerConfig("ticks", false));
    }

    @Timeout
    void tick() {
        chat.room("ticks").broadcastJson(Map.of("type", "tick", "count", ++count));
    }
}
