package io.wschannels.examples.readme.rooms;

/** A paid invoice, as the README's billing bean is told of it. */
public record Invoice(String customerId, String number) {}
