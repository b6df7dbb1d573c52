package io.wschannels.examples.readme.rooms;

/** What a user's tabs are told. */
public record Notification(String type, String about) {}
