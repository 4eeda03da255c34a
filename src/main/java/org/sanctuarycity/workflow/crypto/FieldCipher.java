package org.sanctuarycity.workflow.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for single text values. A stored value reads {@code v1:<keyId>:<base64(iv || ciphertext+tag)>}:
 * the key id travels with the value, so after a rotation old rows stay readable with the old key
 * while new rows use the active one. The prefix "v1:keyId" is authenticated as associated data, so a
 * value cannot be relabelled to another key without failing the tag check.
 *
 * <p>Exception messages name the key id at most, never the value: they may end up in logs.
 */
@Component
public class FieldCipher {

  static final String VERSION = "v1";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

  private final Map<String, SecretKey> keys;
  private final String activeKey;
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(CryptoProperties properties) {
    this.keys = parse(properties.keys());
    this.activeKey = properties.activeKey();
    if (activeKey == null || activeKey.isBlank()) {
      throw new IllegalStateException("app.crypto.active-key is not set: personal data cannot be stored unencrypted");
    }
    if (!keys.containsKey(activeKey)) {
      throw new IllegalStateException("app.crypto.active-key names key '" + activeKey
          + "', but app.crypto.keys." + activeKey + " is not configured");
    }
  }

  /**
   * Checks a key map without keeping it: ids must be simple names, values base64 of exactly 32 bytes.
   * Messages name the key id, never the key material.
   */
  static Map<String, SecretKey> parse(Map<String, String> configured) {
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    configured.forEach((id, base64) -> {
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalStateException("app.crypto.keys: key id '" + id + "' must be 1-40 letters, digits, '.', '_' or '-'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("app.crypto.keys." + id + " is not valid base64");
      }
      if (raw.length != 32) {
        throw new IllegalStateException("app.crypto.keys." + id + " must be 32 bytes (AES-256) encoded in base64, but has "
            + raw.length + " bytes");
      }
      parsed.put(id, new SecretKeySpec(raw, "AES"));
    });
    return parsed;
  }

  public String activeKeyId() {
    return activeKey;
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  public String encrypt(String plaintext) {
    if (plaintext == null) {
      return null;
    }
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    String header = VERSION + ":" + activeKey;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return header + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption with key '" + activeKey + "' failed: " + e.getClass().getSimpleName());
    }
  }

  public String decrypt(String stored) {
    if (stored == null) {
      return null;
    }
    String[] parts = stored.split(":", 3);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      // Deliberately strict: a plaintext value in an encrypted column is a defect to find, not to read.
      throw new IllegalStateException("stored value is not in the v1:<keyId>:<data> format");
    }
    String keyId = parts[1];
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException("stored value was encrypted with key '" + keyId
          + "', which is not configured (app.crypto.keys." + keyId + ")");
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      if (in.length < IV_BYTES + TAG_BITS / 8) {
        throw new IllegalStateException("stored value under key '" + keyId + "' is truncated");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD((VERSION + ":" + keyId).getBytes(StandardCharsets.US_ASCII));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("stored value under key '" + keyId + "' failed authentication or decoding ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * A 256-bit key for another purpose (HMAC-SHA256 of the purpose under the active key), the same on every node
   * configured with the same keys, without using the AES key itself for anything but encryption. Changes when the
   * active key is rotated.
   */
  public byte[] derivedKey(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.get(activeKey).getEncoded(), "HmacSHA256"));
      return mac.doFinal(("sanctuary-workflow/" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key derivation failed: " + e.getClass().getSimpleName());
    }
  }

  /** Whether a stored value was written with a key other than the active one (a re-encryption candidate). */
  public boolean needsReEncryption(String stored) {
    return stored != null && !stored.startsWith(VERSION + ":" + activeKey + ":");
  }
}
