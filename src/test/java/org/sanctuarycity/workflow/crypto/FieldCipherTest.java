package org.sanctuarycity.workflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

  static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
  static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void aValueIsStoredWithItsKeyIdAndAFreshIvAndReadsBack() {
    FieldCipher cipher = new FieldCipher(new CryptoProperties(Map.of("k1", OLD), "k1"));
    String a = cipher.encrypt("Zelmira Quintanilla");
    String b = cipher.encrypt("Zelmira Quintanilla");
    assertThat(a).startsWith("v1:k1:").doesNotContain("Zelmira");
    assertThat(a).isNotEqualTo(b);
    assertThat(cipher.decrypt(a)).isEqualTo("Zelmira Quintanilla");
    assertThat(cipher.decrypt(b)).isEqualTo("Zelmira Quintanilla");
    assertThat(cipher.encrypt(null)).isNull();
    assertThat(cipher.decrypt(null)).isNull();
    assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
  }

  @Test
  void afterRotationOldValuesStayReadableAndNewValuesUseTheNewKey() {
    FieldCipher before = new FieldCipher(new CryptoProperties(Map.of("2025", OLD), "2025"));
    String old = before.encrypt("1987-03-14");

    FieldCipher after = new FieldCipher(new CryptoProperties(Map.of("2025", OLD, "2026", NEW), "2026"));
    assertThat(after.decrypt(old)).isEqualTo("1987-03-14");
    assertThat(after.needsReEncryption(old)).isTrue();
    String fresh = after.encrypt("1987-03-14");
    assertThat(fresh).startsWith("v1:2026:");
    assertThat(after.needsReEncryption(fresh)).isFalse();

    // Once the old key is removed, its values can no longer be read: the error names the key, not the value.
    FieldCipher retired = new FieldCipher(new CryptoProperties(Map.of("2026", NEW), "2026"));
    assertThatThrownBy(() -> retired.decrypt(old)).hasMessageContaining("'2025'").hasMessageNotContaining("1987");
    assertThat(retired.decrypt(fresh)).isEqualTo("1987-03-14");
  }

  @Test
  void tamperingIsDetected() {
    FieldCipher cipher = new FieldCipher(new CryptoProperties(Map.of("2025", OLD, "2026", NEW), "2026"));
    String value = cipher.encrypt("HP-2026-4411");
    // Relabelled to another configured key: the authenticated header no longer matches.
    assertThatThrownBy(() -> cipher.decrypt(value.replace("v1:2026:", "v1:2025:")))
        .hasMessageContaining("failed authentication");
    String[] parts = value.split(":", 3);
    byte[] data = Base64.getDecoder().decode(parts[2]);
    data[data.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.decrypt("v1:2026:" + Base64.getEncoder().encodeToString(data)))
        .hasMessageContaining("failed authentication");
    assertThatThrownBy(() -> cipher.decrypt("HP-2026-4411")).hasMessageNotContaining("HP-2026")
        .hasMessageContaining("format");
  }

  @Test
  void badConfigurationIsRefusedWithoutPrintingKeys() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> new FieldCipher(new CryptoProperties(Map.of("k", shortKey), "k")))
        .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> new FieldCipher(new CryptoProperties(Map.of("k", OLD), "other")))
        .hasMessageContaining("app.crypto.keys.other");
    assertThatThrownBy(() -> new FieldCipher(new CryptoProperties(Map.of(), null)))
        .hasMessageContaining("app.crypto.active-key");
    assertThatThrownBy(() -> new FieldCipher(new CryptoProperties(Map.of("k", "not base64!"), "k")))
        .hasMessageContaining("base64").hasMessageNotContaining("not base64!");
  }
}
