package io.wschannels.tyrus.invalid;

import io.wschannels.Registry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

@Dependent
public class RegistryUser {
    @Inject
    Registry<NoRouteChannel> notDeployed;

    @SuppressWarnings("rawtypes")
    @Inject
    Registry unnamed;
}
