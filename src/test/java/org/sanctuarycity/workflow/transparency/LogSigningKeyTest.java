package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Where the log key comes from: configuration in prod (or refusal to start), a generated file in the demo. */
class LogSigningKeyTest {

  @TempDir Path dir;

  static TransparencyProperties props(String priv, String pub, Path file, boolean generate) {
    return new TransparencyProperties("test log", priv, pub, file, generate, "-");
  }

  @Test
  void prodRefusesToStartWithoutAConfiguredKey() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    assertThatThrownBy(() -> new LogSigningKey(props(null, null, dir.resolve("k"), true), prod))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("app.transparency.signing-key");
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void aConfiguredKeyIsUsedAndMustMatchItsPublicKey() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String priv = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    LogSigningKey key = new LogSigningKey(props(priv, LogKeys.pem(pair.getPublic()), null, false), prod);
    assertThat(key.keyId()).isEqualTo(LogKeys.keyId(pair.getPublic()));
    assertThatThrownBy(() -> new LogSigningKey(props(priv,
        Base64.getEncoder().encodeToString(other.getPublic().getEncoded()), null, false), prod))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Production configures only the private key; its public key is computed and must equal the real one. */
  @Test
  void thePublicKeyIsDerivedFromTheSigningKeyAlone() throws Exception {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    for (int i = 0; i < 20; i++) {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      assertThat(LogKeys.derivePublicKey(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
      LogSigningKey key = new LogSigningKey(props(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
          null, null, false), prod);
      assertThat(key.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }
  }

  @Test
  void theDemoGeneratesAKeyOnceAndKeepsIt() {
    Path file = dir.resolve("keys/log.key");
    LogSigningKey first = new LogSigningKey(props(null, null, file, true), new MockEnvironment());
    assertThat(file).exists();
    LogSigningKey second = new LogSigningKey(props(null, null, file, true), new MockEnvironment());
    assertThat(second.keyId()).isEqualTo(first.keyId());
  }
}
