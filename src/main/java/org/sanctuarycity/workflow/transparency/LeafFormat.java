package org.sanctuarycity.workflow.transparency;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The canonical public form of an entry: the exact bytes that are hashed into the Merkle tree. Anyone
 * must be able to rebuild these bytes from the export alone, so the format is fixed here and in
 * docs/transparency.md, and never depends on a JSON library's settings.
 *
 * <p>Format (version 1): UTF-8 JSON, no whitespace, keys in exactly this order:
 * {@code v, seq, recordedAt, process, reference, eventType, agency, requestType, accessCategory,
 * decision, legalBasis, actorRole, privateDigest}.
 * <ul>
 *   <li>{@code v} is the number 1; {@code seq} a decimal number without sign or leading zeros;</li>
 *   <li>{@code recordedAt} is UTC with exactly six fractional digits: {@code 2026-11-26T22:41:50.123456Z}
 *       (PostgreSQL keeps microseconds, so nothing is lost or invented);</li>
 *   <li>every other value is a JSON string, or {@code null} when the field is empty;</li>
 *   <li>strings escape only the quote and the backslash (with a backslash) and characters below U+0020
 *       as backslash-u and four lowercase hex digits; everything else is written as UTF-8 as is;</li>
 *   <li>{@code privateDigest} is the stored lowercase-hex SHA-256 of the entry's salt and its non-public
 *       part (acting user and record id): it binds that part into the tree without publishing it.</li>
 * </ul>
 */
public final class LeafFormat {

  public static final int VERSION = 1;

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private LeafFormat() {}

  public static byte[] leafData(TransparencyEntry e) {
    return json(e).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] leafHash(TransparencyEntry e) {
    return Merkle.leafHash(leafData(e));
  }

  /** The canonical JSON text (see the class comment); the export writes these same characters. */
  public static String json(TransparencyEntry e) {
    StringBuilder sb = new StringBuilder(320);
    sb.append("{\"v\":").append(VERSION).append(",\"seq\":").append(e.seq());
    sb.append(",\"recordedAt\":\"").append(time(e.recordedAt())).append('"');
    field(sb, "process", e.process());
    field(sb, "reference", e.reference());
    field(sb, "eventType", e.eventType());
    field(sb, "agency", e.agency());
    field(sb, "requestType", e.requestType());
    field(sb, "accessCategory", e.accessCategory());
    field(sb, "decision", e.decision());
    field(sb, "legalBasis", e.legalBasis());
    field(sb, "actorRole", e.actorRole());
    field(sb, "privateDigest", e.privateDigest());
    return sb.append('}').toString();
  }

  public static String time(Instant t) {
    return TIME.format(t);
  }

  private static void field(StringBuilder sb, String key, String value) {
    sb.append(",\"").append(key).append("\":");
    quote(sb, value);
  }

  /** Appends {@code value} as a JSON string with the escaping described above, or {@code null}. */
  public static void quote(StringBuilder sb, String value) {
    if (value == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
