package dev.scalecheck.core;

import java.time.Instant;

/**
 * One line a replica wrote, stamped when it arrived (the local orchestrator) or by the
 * container runtime (compose {@code logs --timestamps}).
 *
 * @param replica the replica's name, e.g. {@code api-2}
 */
public record LogLine(Instant at, String replica, Stream stream, String text) {

    public enum Stream { STDOUT, STDERR }
}
