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

  /** A line already in canonical form: its leaf data are bytes of the line itself, with no re-encoding. */
  public record CanonicalLine(long seq, Instant recordedAt, byte[] leafData, byte[] leafHash) {}

  private static final String[] STRING_KEYS = {"process", "reference", "eventType", "agency", "requestType",
      "accessCategory", "decision", "legalBasis", "actorRole", "privateDigest"};

  /**
   * The fast path of the verifiers: accepts a line only if it is byte for byte what {@link #line} writes
   * (keys in order, the documented escaping and nothing else), and returns null otherwise, in which case the
   * caller falls back to {@link #parse}. Each character has exactly one allowed spelling under these rules,
   * so a line that passes is its own canonical form and its prefix can be hashed as it is.
   */
  public static CanonicalLine parseCanonical(String line) {
    final String head = "{\"v\":1,\"seq\":";
    if (!line.startsWith(head)) {
      return null;
    }
    int i = head.length();
    int digits = i;
    while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
      i++;
    }
    if (i == digits || i - digits > 18 || (line.charAt(digits) == '0')) {
      return null;
    }
    long seq = Long.parseLong(line, digits, i, 10);
    final String at = ",\"recordedAt\":\"";
    if (!line.startsWith(at, i) || line.length() < i + at.length() + 28) {
      return null;
    }
    i += at.length();
    String time = line.substring(i, i + 27);
    if (line.charAt(i + 27) != '"' || !isCanonicalTime(time)) {
      return null;
    }
    Instant recordedAt = fastInstant(time);
    if (recordedAt == null) {
      return null;
    }
    i += 28;
    for (String key : STRING_KEYS) {
      i = skipValue(line, i, key);
      if (i < 0) {
        return null;
      }
    }
    final String hashKey = ",\"leafHash\":";
    if (!line.startsWith(hashKey, i)) {
      return null;
    }
    int leafEnd = i;
    int v = i + hashKey.length();
    byte[] claimed = null;
    if (line.startsWith("null}", v) && v + 5 == line.length()) {
      claimed = null;
    } else if (line.length() == v + 47 && line.charAt(v) == '"' && line.endsWith("\"}")) {
      try {
        claimed = Base64.getDecoder().decode(line.substring(v + 1, v + 45));
      } catch (IllegalArgumentException e) {
        return null;
      }
    } else {
      return null;
    }
    byte[] leaf = (line.substring(0, leafEnd) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new CanonicalLine(seq, recordedAt, leaf, claimed);
  }

  /** Skips {@code ,"key":value} where value is null or a canonically escaped string; -1 if it is not that. */
  private static int skipValue(String line, int i, String key) {
    int n = line.length();
    if (i + key.length() + 4 > n || line.charAt(i) != ',' || line.charAt(i + 1) != '"'
        || !line.startsWith(key, i + 2) || line.charAt(i + 2 + key.length()) != '"'
        || line.charAt(i + 3 + key.length()) != ':') {
      return -1;
    }
    i += key.length() + 4;
    if (line.startsWith("null", i)) {
      return i + 4;
    }
    if (i >= n || line.charAt(i) != '"') {
      return -1;
    }
    i++;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20 || Character.isSurrogate(c) && !validSurrogatePair(line, i)) {
        return -1;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          return -1;
        }
        char e = line.charAt(i + 1);
        if (e == '"' || e == '\\') {
          i += 2;
          continue;
        }
        // Only backslash-u00 and two lowercase hex digits naming a control character (below 0x20).
        if (e != 'u' || i + 5 >= n || !line.startsWith("00", i + 2) || "01".indexOf(line.charAt(i + 4)) < 0
            || "0123456789abcdef".indexOf(line.charAt(i + 5)) < 0) {
          return -1;
        }
        i += 6;
        continue;
      }
      i += Character.isHighSurrogate(c) ? 2 : 1;
    }
    return -1;
  }

  private static boolean validSurrogatePair(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
  }

  /** Reads a canonical time digit by digit; DateTimeFormatter would cost more than hashing the whole line. */
  private static Instant fastInstant(String t) {
    try {
      java.time.LocalDateTime local = java.time.LocalDateTime.of(num(t, 0, 4), num(t, 5, 7), num(t, 8, 10),
          num(t, 11, 13), num(t, 14, 16), num(t, 17, 19), num(t, 20, 26) * 1000);
      return local.toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int num(String t, int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      n = n * 10 + (t.charAt(k) - '0');
    }
    return n;
  }

  private static boolean isCanonicalTime(String t) {
    // uuuu-MM-ddTHH:mm:ss.SSSSSSZ
    for (int k = 0; k < 27; k++) {
      char c = t.charAt(k);
      boolean ok = switch (k) {
        case 4, 7 -> c == '-';
        case 10 -> c == 'T';
        case 13, 16 -> c == ':';
        case 19 -> c == '.';
        case 26 -> c == 'Z';
        // A leap second (":60") would parse to another instant and so not be canonical.
        case 17 -> c >= '0' && c <= '5';
        default -> c >= '0' && c <= '9';
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

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
