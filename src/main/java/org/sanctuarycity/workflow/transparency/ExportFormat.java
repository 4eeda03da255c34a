package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
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

  // A line that different JSON readers would read differently must not verify: a duplicate key (which one
  // counts?) or text after the object is refused rather than silently dropped.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Set<String> KEYS = Set.of("v", "seq", "recordedAt", "process", "reference", "eventType",
      "agency", "requestType", "accessCategory", "decision", "legalBasis", "actorRole", "privateDigest", "leafHash");

  private ExportFormat() {}

  /** A parsed line. */
  public record Line(TransparencyEntry entry, byte[] leafHash) {}

  /** A line already in canonical form: its leaf data are bytes of the line itself, with no re-encoding. */
  public record CanonicalLine(long seq, Instant recordedAt, byte[] leafData, byte[] leafHash) {}

  /**
   * The fast path of the verifiers as a value, for callers holding a String: the same rules as
   * {@link CanonicalReader}, to which it hands the line's UTF-8 bytes. Null if the line is not canonical.
   */
  public static CanonicalLine parseCanonical(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    CanonicalReader r = new CanonicalReader();
    if (r.parse(bytes, 0, bytes.length) != bytes.length) {
      return null;
    }
    byte[] leaf = Arrays.copyOf(bytes, r.leafTo + 1);
    leaf[r.leafTo] = '}';
    return new CanonicalLine(r.seq, r.recordedAt(), leaf, r.hasClaim ? r.claim.clone() : null);
  }

  /**
   * The fast path of the verifiers: reads a line straight from the bytes of the export, and accepts it only
   * if it is byte for byte what {@link #line} writes (keys in order, the documented escaping and nothing
   * else, valid UTF-8). Each character has exactly one allowed spelling under these rules, so a line that
   * passes is its own canonical form: its prefix is the leaf data and is hashed where it lies. Anything
   * else is left to the full parser ({@link #parse}), which may still read it as another spelling of an entry.
   *
   * <p>One instance serves a whole export and is overwritten by each {@link #parse}: this is the inner loop
   * of the verifier, where an object or a String per line would cost as much as the hashing.
   */
  public static final class CanonicalReader {

    // Reads eight bytes at a time, in the order of their addresses whatever the machine's byte order.
    // Declared before the literals, which are built with it.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final Literal HEAD = new Literal("{\"v\":1,\"seq\":");
    private static final Literal AT = new Literal(",\"recordedAt\":\"");
    private static final Literal[] STRING_KEYS = new Literal[10];
    private static final Literal HASH_KEY = new Literal(",\"leafHash\":");
    /** Bytes that stand for themselves inside a string: printable ASCII except the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];
    private static final byte[] BASE64 = new byte[256];

    static {
      String[] keys = {"process", "reference", "eventType", "agency", "requestType", "accessCategory", "decision",
          "legalBasis", "actorRole", "privateDigest"};
      for (int k = 0; k < keys.length; k++) {
        STRING_KEYS[k] = new Literal(",\"" + keys[k] + "\":");
      }
      for (int c = 0x20; c < 0x80; c++) {
        PLAIN[c] = c != '"' && c != '\\';
      }
      Arrays.fill(BASE64, (byte) -1);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      for (int k = 0; k < 64; k++) {
        BASE64[alphabet.charAt(k)] = (byte) k;
      }
    }

    /**
     * A fixed run of 8 to 24 ASCII bytes (the keys with their punctuation), compared as two or three 8-byte
     * words: the first ones, then the last 8 bytes, which may overlap the one before.
     */
    private record Literal(int length, int[] offsets, long[] words) {

      Literal(String text) {
        this(text.length(), offsets(text.length()), new long[offsets(text.length()).length]);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < offsets.length; k++) {
          words[k] = (long) LONGS.get(bytes, offsets[k]);
        }
      }

      private static int[] offsets(int length) {
        if (length < 8 || length > 24) {
          throw new IllegalArgumentException("a literal has 8 to 24 bytes");
        }
        int[] o = new int[(length + 7) / 8];
        for (int k = 0; k < o.length - 1; k++) {
          o[k] = 8 * k;
        }
        o[o.length - 1] = length - 8;
        return o;
      }
    }

    private byte[] buf;
    private int from;
    private int leafTo;
    private long seq;
    private long epochSecond;
    private int nano;
    private boolean hasClaim;
    private final byte[] claim = new byte[Merkle.HASH_SIZE];
    // Consecutive entries mostly share a day: the calendar check and epoch-day sum run once per day.
    private int lastDate = -1;
    private long lastEpochDay;

    /**
     * Reads a canonical line starting at {@code from}, using no byte at or past {@code limit}. Returns the
     * index just after its closing brace, or -1 if the bytes there do not begin with a canonical line. The
     * caller checks that the line ends there.
     */
    public int parse(byte[] b, int from, int limit) {
      this.buf = b;
      this.from = from;
      int p = from;
      if (!at(b, p, limit, HEAD)) {
        return -1;
      }
      p += HEAD.length();
      int digits = p;
      long n = 0;
      while (p < limit && p - digits < 19 && b[p] >= '0' && b[p] <= '9') {
        n = n * 10 + (b[p] - '0');
        p++;
      }
      // 1 to 18 digits without a leading zero: no overflow, and one spelling per number.
      if (p == digits || p - digits > 18 || b[digits] == '0') {
        return -1;
      }
      seq = n;
      if (!at(b, p, limit, AT)) {
        return -1;
      }
      p += AT.length();
      if (limit - p < 28 || b[p + 27] != '"' || !time(b, p)) {
        return -1;
      }
      p += 28;
      for (Literal key : STRING_KEYS) {
        if (!at(b, p, limit, key)) {
          return -1;
        }
        p = string(b, p + key.length(), limit);
        if (p < 0) {
          return -1;
        }
      }
      leafTo = p;
      if (!at(b, p, limit, HASH_KEY)) {
        return -1;
      }
      p += HASH_KEY.length();
      if (limit - p >= 5 && b[p] == 'n' && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l' && b[p + 4] == '}') {
        hasClaim = false;
        return p + 5;
      }
      // Standard base64 of 32 bytes: 43 characters, one '=' of padding, the unused last two bits zero.
      if (limit - p < 47 || b[p] != '"' || b[p + 44] != '=' || b[p + 45] != '"' || b[p + 46] != '}'
          || !base64(b, p + 1)) {
        return -1;
      }
      hasClaim = true;
      return p + 47;
    }

    /** SHA-256(0x00 || leaf data) of the line last parsed into {@code out}; the leaf data are never copied. */
    public void leafHash(MessageDigest sha, byte[] out) {
      sha.update((byte) 0x00);
      sha.update(buf, from, leafTo - from);
      // The leaf JSON closes where the export inserted its extra key.
      sha.update((byte) '}');
      try {
        sha.digest(out, 0, Merkle.HASH_SIZE);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException("SHA-256 gives 32 bytes", e);
      }
    }

    public long seq() {
      return seq;
    }

    public long epochSecond() {
      return epochSecond;
    }

    public int nano() {
      return nano;
    }

    public Instant recordedAt() {
      return Instant.ofEpochSecond(epochSecond, nano);
    }

    /** The recorded leaf hash of the line last parsed, or null if it had none. Overwritten by the next line. */
    public byte[] claimedLeafHash() {
      return hasClaim ? claim : null;
    }

    private static boolean at(byte[] b, int p, int limit, Literal literal) {
      if (limit - p < literal.length()) {
        return false;
      }
      int[] offsets = literal.offsets();
      long[] words = literal.words();
      for (int k = 0; k < offsets.length; k++) {
        if ((long) LONGS.get(b, p + offsets[k]) != words[k]) {
          return false;
        }
      }
      return true;
    }

    /**
     * A bit set in the byte of each of the 8 bytes of {@code x} that is not PLAIN (a control character, the
     * quote, the backslash, or a byte of a multi-byte character). Exact up to the lowest such byte, which is
     * all that is used: each test is the classic "some byte is zero / below n" trick, whose borrow can only
     * mark bytes above a true hit.
     */
    private static long special(long x) {
      long quote = x ^ (ONES * '"');
      long backslash = x ^ (ONES * '\\');
      return ((x - ONES * 0x20) & ~x | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash | x) & HIGHS;
    }

    /** {@code uuuu-MM-ddTHH:mm:ss.SSSSSSZ}, a real date and time of day (no leap second: it is not canonical). */
    private boolean time(byte[] b, int p) {
      if (b[p + 4] != '-' || b[p + 7] != '-' || b[p + 10] != 'T' || b[p + 13] != ':' || b[p + 16] != ':'
          || b[p + 19] != '.' || b[p + 26] != 'Z') {
        return false;
      }
      int year = digits(b, p, 4);
      int month = digits(b, p + 5, 2);
      int day = digits(b, p + 8, 2);
      int hour = digits(b, p + 11, 2);
      int minute = digits(b, p + 14, 2);
      int second = digits(b, p + 17, 2);
      int micros = digits(b, p + 20, 6);
      if ((year | month | day | hour | minute | second | micros) < 0 || hour > 23 || minute > 59 || second > 59) {
        return false;
      }
      int date = year * 10000 + month * 100 + day;
      if (date != lastDate) {
        try {
          lastEpochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
          return false;
        }
        lastDate = date;
      }
      epochSecond = lastEpochDay * 86400 + hour * 3600 + minute * 60 + second;
      nano = micros * 1000;
      return true;
    }

    /** The decimal value of {@code count} digits, or -1 if one of them is not a digit. */
    private static int digits(byte[] b, int p, int count) {
      int n = 0;
      for (int k = p; k < p + count; k++) {
        int d = b[k] - '0';
        if (d < 0 || d > 9) {
          return -1;
        }
        n = n * 10 + d;
      }
      return n;
    }

    /** Skips null or a canonically escaped UTF-8 string at p; -1 if it is not that. */
    private static int string(byte[] b, int p, int limit) {
      if (limit - p >= 4 && b[p] == 'n' && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l') {
        return p + 4;
      }
      if (p >= limit || b[p] != '"') {
        return -1;
      }
      p++;
      while (p < limit) {
        // Most of a line is plain ASCII inside strings: skip it a word at a time, to the first special byte.
        while (limit - p >= 8) {
          long mask = special((long) LONGS.get(b, p));
          if (mask != 0) {
            p += Long.numberOfTrailingZeros(mask) >>> 3;
            break;
          }
          p += 8;
        }
        if (p >= limit) {
          return -1;
        }
        int c = b[p] & 0xff;
        if (PLAIN[c]) {
          p++;
        } else if (c == '"') {
          return p + 1;
        } else if (c == '\\') {
          p = escape(b, p, limit);
          if (p < 0) {
            return -1;
          }
        } else if (c >= 0x80) {
          p = utf8(b, p, limit);
          if (p < 0) {
            return -1;
          }
        } else {
          // A raw control character: the canonical form escapes it.
          return -1;
        }
      }
      return -1;
    }

    /** Only backslash-quote, backslash-backslash, and backslash-u00 with two lowercase hex digits below 0x20. */
    private static int escape(byte[] b, int p, int limit) {
      if (limit - p < 2) {
        return -1;
      }
      byte e = b[p + 1];
      if (e == '"' || e == '\\') {
        return p + 2;
      }
      if (e != 'u' || limit - p < 6 || b[p + 2] != '0' || b[p + 3] != '0' || (b[p + 4] != '0' && b[p + 4] != '1')) {
        return -1;
      }
      byte h = b[p + 5];
      return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ? p + 6 : -1;
    }

    /**
     * One multi-byte UTF-8 character in its shortest form, not a surrogate, at most U+10FFFF (RFC 3629);
     * -1 otherwise. Anything else would decode to U+FFFD, which is not the byte sequence that was hashed.
     */
    private static int utf8(byte[] b, int p, int limit) {
      int c = b[p] & 0xff;
      int length;
      int lo = 0x80;
      int hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
      } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
      } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
      } else {
        return -1;
      }
      if (limit - p < length) {
        return -1;
      }
      int second = b[p + 1] & 0xff;
      if (second < lo || second > hi) {
        return -1;
      }
      for (int k = 2; k < length; k++) {
        if ((b[p + k] & 0xc0) != 0x80) {
          return -1;
        }
      }
      return p + length;
    }

    private boolean base64(byte[] b, int p) {
      int out = 0;
      for (int k = 0; k < 40; k += 4) {
        int bits = (BASE64[b[p + k] & 0xff] << 18) | (BASE64[b[p + k + 1] & 0xff] << 12)
            | (BASE64[b[p + k + 2] & 0xff] << 6) | BASE64[b[p + k + 3] & 0xff];
        if (bits < 0) {
          return false;
        }
        claim[out++] = (byte) (bits >> 16);
        claim[out++] = (byte) (bits >> 8);
        claim[out++] = (byte) bits;
      }
      int bits = (BASE64[b[p + 40] & 0xff] << 12) | (BASE64[b[p + 41] & 0xff] << 6) | BASE64[b[p + 42] & 0xff];
      if (bits < 0 || (bits & 0x3) != 0) {
        return false;
      }
      claim[out++] = (byte) (bits >> 10);
      claim[out] = (byte) (bits >> 2);
      return true;
    }

  }

  public static String line(TransparencyEntry e, byte[] leafHash) {
    String json = LeafFormat.json(e);
    return json.substring(0, json.length() - 1) + ",\"leafHash\":"
        + (leafHash == null ? "null" : "\"" + Base64.getEncoder().encodeToString(leafHash) + "\"") + "}";
  }

  /**
   * Parses a line strictly: unknown, missing or repeated keys, a different format version, values of the wrong
   * JSON type, or anything after the object are refused.
   */
  public static Line parse(String text) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException("not valid JSON: " + e.getOriginalMessage(), e);
    }
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
    JsonNode v = n.get("v");
    JsonNode seq = n.get("seq");
    // Integers only: 1.0 or "1" would be read as 1 by a lenient reader and as something else by another.
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() != LeafFormat.VERSION
        || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw new IOException("unsupported format version or bad seq");
    }
    Instant at;
    try {
      at = Instant.parse(text(n, "recordedAt"));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IOException("bad recordedAt", e);
    }
    TransparencyEntry entry = new TransparencyEntry(seq.longValue(), at, text(n, "process"), text(n, "reference"),
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

  /** A string value or null; a number, boolean, array or object where a string belongs is refused. */
  private static String text(JsonNode n, String key) throws IOException {
    JsonNode v = n.get(key);
    if (v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IOException(key + " is not a string");
    }
    return v.textValue();
  }
}
