package org.sanctuarycity.workflow.transparency;

import java.time.Instant;

/** The public form of one log entry: everything here may be published. */
public record TransparencyEntry(
    long seq,
    Instant recordedAt,
    String process,
    String reference,
    String eventType,
    String agency,
    String requestType,
    String accessCategory,
    String decision,
    String legalBasis,
    String actorRole,
    String privateDigest) {}
