package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed tree head: "the log had {@code treeSize} entries whose Merkle root was {@code rootHash}",
 * signed with the city's Ed25519 log key. Hashes and signature are standard base64, as in the RFC 6962 vectors.
 *
 * <p>The signed bytes are UTF-8 of this JSON, without whitespace and in this key order:
 * {@code {"v":1,"origin":"...","treeSize":N,"rootHash":"<base64>","timestamp":"<UTC, 6 fraction digits>Z"}}
 * (strings escaped as in {@link LeafFormat}). {@code keyId} names the key and is not signed: a wrong one
 * only makes verification fail.
 */
public record Checkpoint(
    String origin,
    long treeSize,
    String rootHash,
    // Published exactly as signed: six fraction digits, so that anyone can rebuild the signed bytes.
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
    Instant timestamp,
    String keyId,
    String signature) {

  public byte[] signedBytes() {
    return signedBytes(origin, treeSize, rootHash, timestamp);
  }

  static byte[] signedBytes(String origin, long treeSize, String rootHash, Instant timestamp) {
    // The leaf format's string escaping, so that there is one escaping rule to document.
    StringBuilder sb = new StringBuilder("{\"v\":1,\"origin\":");
    LeafFormat.quote(sb, origin);
    sb.append(",\"treeSize\":").append(treeSize).append(",\"rootHash\":");
    LeafFormat.quote(sb, rootHash);
    sb.append(",\"timestamp\":\"").append(LeafFormat.time(timestamp)).append("\"}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public byte[] rootHashBytes() {
    return Base64.getDecoder().decode(rootHash);
  }

  static Checkpoint sign(String origin, long treeSize, byte[] root, Instant timestamp, String keyId, PrivateKey key) {
    String rootB64 = Base64.getEncoder().encodeToString(root);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(signedBytes(origin, treeSize, rootB64, timestamp));
      return new Checkpoint(origin, treeSize, rootB64, timestamp, keyId, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** True only if the signature is a valid Ed25519 signature of {@link #signedBytes()} by {@code key}. */
  public boolean verify(PublicKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(signedBytes());
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }
}
