package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * One line of the public export (JSON Lines): the entry's canonical leaf JSON ({@link LeafFormat}) with one
 * extra key at the end, {@code "leafHash"}: the base64 leaf hash recorded when the entry was first
 * checkpointed, or null if no checkpoint covers it yet. A verifier removes {@code leafHash}, rebuilds the
 * canonical bytes from the other fields and hashes them itself; the recorded hash only helps to name
 * which entry changed.
 */
public final class ExportFormat {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("v", "seq", "recordedAt", "process", "reference", "eventType",
      "agency", "requestType", "accessCategory", "decision", "legalBasis", "actorRole", "privateDigest", "leafHash");

  private ExportFormat() {}

  /** A parsed line. */
  public record Line(TransparencyEntry entry, byte[] leafHash) {}

  public static String line(TransparencyEntry e, byte[] leafHash) {
    String json = LeafFormat.json(e);
    return json.substring(0, json.length() - 1) + ",\"leafHash\":"
        + (leafHash == null ? "null" : "\"" + Base64.getEncoder().encodeToString(leafHash) + "\"") + "}";
  }

  /** Parses a line strictly: unknown or missing keys, or a different format version, are refused. */
  public static Line parse(String text) throws IOException {
    JsonNode n = JSON.readTree(text);
    if (n == null || !n.isObject()) {
      throw new IOException("not a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new IOException("unknown key " + k);
      }
    }
    for (String k : KEYS) {
      if (!n.has(k)) {
        throw new IOException("missing key " + k);
      }
    }
    if (n.get("v").asInt() != LeafFormat.VERSION || !n.get("seq").canConvertToLong()) {
      throw new IOException("unsupported format version or bad seq");
    }
    Instant at;
    try {
      at = Instant.parse(n.get("recordedAt").asText());
    } catch (DateTimeParseException e) {
      throw new IOException("bad recordedAt", e);
    }
    TransparencyEntry entry = new TransparencyEntry(n.get("seq").asLong(), at, text(n, "process"), text(n, "reference"),
        text(n, "eventType"), text(n, "agency"), text(n, "requestType"), text(n, "accessCategory"),
        text(n, "decision"), text(n, "legalBasis"), text(n, "actorRole"), text(n, "privateDigest"));
    byte[] hash;
    try {
      String h = text(n, "leafHash");
      hash = h == null ? null : Base64.getDecoder().decode(h);
    } catch (IllegalArgumentException e) {
      throw new IOException("leafHash is not base64", e);
    }
    return new Line(entry, hash);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
