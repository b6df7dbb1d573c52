package io.wschannels.tyrus.invalid;

import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@Route("/shared")
public class SharedScopeChannel extends Channel {}
