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
