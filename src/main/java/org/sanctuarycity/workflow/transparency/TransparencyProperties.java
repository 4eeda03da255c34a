package org.sanctuarycity.workflow.transparency;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transparency log.
 *
 * @param origin names this log inside every signed checkpoint, so a checkpoint cannot be passed off as another log's
 * @param signingKey base64 PKCS#8 Ed25519 private key; required in prod, where it comes from a secret store
 * @param publicKey optional base64 X.509 (or PEM) public key of {@code signingKey}, checked against it at startup;
 *     computed from the signing key when absent
 * @param keyFile where the demo setup keeps the key it generated on first start (outside the database on
 *     purpose: a database superuser must not be able to sign checkpoints)
 * @param generateKey whether a missing key may be generated (demo and tests only; never in prod)
 * @param checkpointCron when the scheduled checkpoint runs (Spring cron; "-" turns it off); it only signs when the log grew
 */
@ConfigurationProperties("app.transparency")
public record TransparencyProperties(
    @DefaultValue("City of Huntington Park transparency log") String origin,
    String signingKey,
    String publicKey,
    @DefaultValue("./keys/transparency-log.key") Path keyFile,
    @DefaultValue("false") boolean generateKey,
    @DefaultValue("0 0 * * * *") String checkpointCron) {}
