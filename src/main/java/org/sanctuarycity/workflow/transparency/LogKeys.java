package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Ed25519 key handling shared by the server and the offline verifier. Java 17 has Ed25519 built in. */
public final class LogKeys {

  private LogKeys() {}

  public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
  }

  public static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  /**
   * Reads a public key as the city publishes it: PEM ("BEGIN PUBLIC KEY"), the JSON of
   * /api/transparency/public-key, or bare base64 of the X.509 SubjectPublicKeyInfo.
   */
  public static PublicKey parsePublicKey(String text) throws GeneralSecurityException {
    String t = text.trim();
    try {
      if (t.startsWith("{")) {
        JsonNode json = new ObjectMapper().readTree(t);
        t = json.path("publicKey").asText();
      }
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("not a readable public-key JSON", e);
    }
    t = t.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      return publicKey(Base64.getDecoder().decode(t));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("public key is not base64", e);
    }
  }

  /** Key id: the first 8 bytes, in hex, of SHA-256 over the X.509 encoding of the public key. */
  public static String keyId(PublicKey key) {
    byte[] digest = Merkle.sha256().digest(key.getEncoded());
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * The public key of an Ed25519 private key (RFC 8032, 5.1.5). The JDK does not expose this, and
   * production configures only the private key (APP_TRANSPARENCY_SIGNINGKEY), so it is computed here once
   * at startup; {@link #isPair} then proves the result by a signature round trip.
   */
  public static PublicKey derivePublicKey(PrivateKey privateKey) throws GeneralSecurityException {
    byte[] seed = ((java.security.interfaces.EdECPrivateKey) privateKey).getBytes()
        .orElseThrow(() -> new GeneralSecurityException("the Ed25519 private key has no seed"));
    byte[] h = java.security.MessageDigest.getInstance("SHA-512").digest(seed);
    byte[] scalar = java.util.Arrays.copyOf(h, 32);
    scalar[0] &= (byte) 248;
    scalar[31] &= 127;
    scalar[31] |= 64;
    java.math.BigInteger a = new java.math.BigInteger(1, reverse(scalar));
    java.math.BigInteger[] point = Ed25519Point.multiply(a);
    byte[] encoded = reverse(toFixed(point[1], 32));
    if (point[0].testBit(0)) {
      encoded[31] |= (byte) 0x80;
    }
    // X.509 SubjectPublicKeyInfo for Ed25519: fixed 12-byte header (RFC 8410) and the 32-byte key.
    byte[] spki = new byte[44];
    System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
    System.arraycopy(encoded, 0, spki, 12, 32);
    return publicKey(spki);
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  private static byte[] toFixed(java.math.BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    return out;
  }

  /** Affine arithmetic on edwards25519, enough to compute a public key; speed is irrelevant here. */
  private static final class Ed25519Point {
    static final java.math.BigInteger P = java.math.BigInteger.TWO.pow(255).subtract(java.math.BigInteger.valueOf(19));
    static final java.math.BigInteger D = java.math.BigInteger.valueOf(-121665)
        .multiply(java.math.BigInteger.valueOf(121666).modInverse(P)).mod(P);
    static final java.math.BigInteger BX = new java.math.BigInteger(
        "15112221349535400772501151409588531511454012693041857206046113283949847762202");
    static final java.math.BigInteger BY = new java.math.BigInteger(
        "46316835694926478169428394003475163141307993866256225615783033603165251855960");

    static java.math.BigInteger[] add(java.math.BigInteger[] p, java.math.BigInteger[] q) {
      java.math.BigInteger x1 = p[0], y1 = p[1], x2 = q[0], y2 = q[1];
      java.math.BigInteger t = D.multiply(x1).multiply(x2).multiply(y1).multiply(y2).mod(P);
      java.math.BigInteger x3 = x1.multiply(y2).add(x2.multiply(y1))
          .multiply(java.math.BigInteger.ONE.add(t).modInverse(P)).mod(P);
      java.math.BigInteger y3 = y1.multiply(y2).add(x1.multiply(x2))
          .multiply(java.math.BigInteger.ONE.subtract(t).mod(P).modInverse(P)).mod(P);
      return new java.math.BigInteger[] {x3, y3};
    }

    static java.math.BigInteger[] multiply(java.math.BigInteger k) {
      java.math.BigInteger[] result = {java.math.BigInteger.ZERO, java.math.BigInteger.ONE};
      java.math.BigInteger[] base = {BX, BY};
      for (int i = 0; i < k.bitLength(); i++) {
        if (k.testBit(i)) {
          result = add(result, base);
        }
        base = add(base, base);
      }
      return result;
    }
  }

  /** True if the two keys form a pair: refuses a configured public key that does not belong to the signing key. */
  static boolean isPair(PrivateKey privateKey, PublicKey publicKey) {
    try {
      byte[] probe = "sanctuary-workflow key check".getBytes();
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(publicKey);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
