package org.sanctuarycity.workflow.transparency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The city's Ed25519 log key. In prod it must come from configuration ({@code app.transparency.signing-key},
 * optionally with {@code public-key} as a cross-check) and the application refuses to start without it: a key generated on the fly
 * would silently change the identity the public verifies against. The demo setup generates one on first
 * start and keeps it in a file outside the database.
 */
@Component
public class LogSigningKey {

  private static final Logger log = LoggerFactory.getLogger(LogSigningKey.class);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  public LogSigningKey(TransparencyProperties properties, Environment environment) {
    KeyPair pair;
    try {
      if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
        pair = fromConfiguration(properties);
      } else if (environment.acceptsProfiles(Profiles.of("prod")) || !properties.generateKey()) {
        throw new IllegalStateException("app.transparency.signing-key (base64 PKCS#8 Ed25519) is required; "
            + "refusing to start without the log's signing key");
      } else {
        pair = fromFile(properties.keyFile());
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the transparency log key could not be read", e);
    }
    this.privateKey = pair.getPrivate();
    this.publicKey = pair.getPublic();
    this.keyId = LogKeys.keyId(publicKey);
    log.info("Transparency log key {} loaded", keyId);
  }

  private static KeyPair fromConfiguration(TransparencyProperties p) throws GeneralSecurityException {
    PrivateKey priv;
    try {
      priv = LogKeys.privateKey(Base64.getDecoder().decode(p.signingKey().trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("app.transparency.signing-key is not base64 (PKCS#8 Ed25519)", e);
    }
    // The public key may be configured as a check; otherwise it is computed from the signing key.
    PublicKey pub = p.publicKey() == null || p.publicKey().isBlank() ? LogKeys.derivePublicKey(priv)
        : LogKeys.parsePublicKey(p.publicKey());
    if (!LogKeys.isPair(priv, pub)) {
      throw new IllegalStateException("app.transparency.public-key does not belong to app.transparency.signing-key");
    }
    return new KeyPair(pub, priv);
  }

  private static KeyPair fromFile(Path file) throws GeneralSecurityException {
    try {
      if (Files.exists(file)) {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          props.load(in);
        }
        PrivateKey priv = LogKeys.privateKey(Base64.getDecoder().decode(props.getProperty("private")));
        PublicKey pub = LogKeys.publicKey(Base64.getDecoder().decode(props.getProperty("public")));
        if (!LogKeys.isPair(priv, pub)) {
          throw new IllegalStateException("the key file " + file + " holds keys that are not a pair");
        }
        return new KeyPair(pub, priv);
      }
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      String text = "# Ed25519 key of the transparency log (demo setup). Keep it secret; back it up.\n"
          + "private=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
          + "public=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
      Path tmp = Files.createTempFile(dir, "key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system; the directory's own permissions apply.
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file);
      log.warn("Generated a new transparency log key in {} (demo setup); production must configure one", file);
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("the transparency log key file " + file + " could not be used", e);
    }
  }

  /** An Ed25519 signature of {@code message} by the log key (published reports sign with it too). */
  public byte[] sign(byte[] message) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }
}
