package io.wschannels.examples.readme;

import java.util.Map;

/** A chess board, as the README's game channel answers moves with it. */
public record Board(Map<String, String> pieces) {}
