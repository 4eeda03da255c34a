package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier over exports built here, without a database: the byte-level fast path and the full
 * parser must accept the same logs, name the same first bad entry, and refuse every malformed line at its
 * position. The tampering tests against a real database are in TransparencyLogIT.
 */
class OfflineVerifierTest {

  static KeyPair key;

  @BeforeAll
  static void key() throws Exception {
    key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static TransparencyEntry entry(long seq) {
    // Nulls, escapes, control characters and 2-, 3- and 4-byte UTF-8 in a few entries, plain ASCII in most.
    String process = switch ((int) (seq % 5)) {
      case 1 -> "federal-request";
      case 2 -> "quote \" backslash \\ tab \t nul \u0000 unit \u001f";
      case 3 -> "café – 市 – 😀";
      default -> null;
    };
    return new TransparencyEntry(seq, Instant.parse("2026-01-01T00:00:00Z").plusNanos(seq * 1_000_001_000L),
        process, "FR-2026-" + seq, "DECIDED", seq % 2 == 0 ? null : "ICE_ERO", "DETAINER", "HOLD_NOTIFY_TRANSFER",
        "DECLINED", "SB54_7284_6_A1B", "city-attorney", String.format("%064x", seq));
  }

  static List<TransparencyEntry> entries(int n) {
    List<TransparencyEntry> list = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      list.add(entry(i));
    }
    return list;
  }

  static List<String> lines(List<TransparencyEntry> entries) {
    return entries.stream().map(e -> ExportFormat.line(e, LeafFormat.leafHash(e))).collect(
        java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  static Checkpoint checkpoint(List<TransparencyEntry> entries) {
    List<byte[]> leaves = entries.stream().map(LeafFormat::leafHash).toList();
    return Checkpoint.sign("test", leaves.size(), Merkle.root(leaves), Instant.now(), "k", key.getPrivate());
  }

  static LogVerifier.Result verify(byte[] export, Checkpoint c) throws IOException {
    return OfflineVerifier.verify(new ByteArrayInputStream(export), c, key.getPublic());
  }

  static LogVerifier.Result verify(List<String> lines, Checkpoint c) throws IOException {
    return verify(utf8(String.join("\n", lines) + "\n"), c);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertFailsAt(LogVerifier.Result r, long seq, String reason) {
    assertThat(r.ok()).as(r.describe()).isFalse();
    assertThat(r.firstBadSeq()).as(r.describe()).isEqualTo(seq);
    assertThat(r.reason()).contains(reason);
  }

  @Test
  void aCleanExportVerifiesFromAFileWithAnyLineEnding(@TempDir Path dir) throws Exception {
    List<TransparencyEntry> entries = entries(50);
    Checkpoint c = checkpoint(entries);
    List<String> lines = lines(entries);
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    LogVerifier.Result r = OfflineVerifier.verify(file, c, key.getPublic());
    assertThat(r.ok()).as(r.describe()).isTrue();
    assertThat(r.entriesRead()).isEqualTo(50);
    // CRLF, no newline after the last line, blank lines (as a line reader treats them).
    assertThat(verify(utf8(String.join("\r\n", lines)), c).ok()).isTrue();
    assertThat(verify(utf8("\n  \n" + String.join("\n\n", lines) + "\n\t\n"), c).ok()).isTrue();
    // A lone carriage return ends a line too, as with BufferedReader.readLine.
    assertThat(verify(utf8(String.join("\r", lines) + "\r"), c).entriesRead()).isEqualTo(50);
    assertThat(verify(utf8(String.join("\r", lines) + "\r"), c).ok()).isTrue();
  }

  @Test
  void entriesBeyondTheCheckpointAreCountedButNotCovered() throws Exception {
    List<TransparencyEntry> entries = entries(30);
    LogVerifier.Result r = verify(lines(entries), checkpoint(entries.subList(0, 20)));
    assertThat(r.ok()).as(r.describe()).isTrue();
    assertThat(r.describe()).contains("30 entries read").contains("10 newer entries");
  }

  /** Lines that cross the boundary of a read block, and one line longer than a whole block. */
  @Test
  void linesAcrossBlocksAndLongerThanABlockAreReadWhole() throws Exception {
    List<TransparencyEntry> entries = entries(6000);
    TransparencyEntry huge = entries.get(3000);
    entries.set(3000, new TransparencyEntry(huge.seq(), huge.recordedAt(), "x".repeat(3 << 20), huge.reference(),
        huge.eventType(), huge.agency(), huge.requestType(), huge.accessCategory(), huge.decision(),
        huge.legalBasis(), huge.actorRole(), huge.privateDigest()));
    Checkpoint c = checkpoint(entries);
    List<String> lines = lines(entries);
    assertThat(verify(lines, c).ok()).isTrue();
    // A change in every line near the first block boundary (about 2,400 lines of ~430 bytes) is found there.
    for (int k = 2300; k < 2600; k += 37) {
      List<String> changed = new ArrayList<>(lines);
      changed.set(k - 1, changed.get(k - 1).replace("\"DECLINED\"", "\"COMPLIED\""));
      assertFailsAt(verify(changed, c), k, "altered");
    }
    List<String> changed = new ArrayList<>(lines);
    changed.set(3000, changed.get(3000).replace("xxxx", "xxxy"));
    assertFailsAt(verify(changed, c), 3001, "altered");
  }

  @Test
  void tamperingIsReportedAtTheExactEntry() throws Exception {
    List<TransparencyEntry> entries = entries(40);
    Checkpoint c = checkpoint(entries);
    List<String> lines = lines(entries);

    List<String> altered = new ArrayList<>(lines);
    altered.set(22, altered.get(22).replace("\"DECLINED\"", "\"COMPLIED\""));
    assertFailsAt(verify(altered, c), 23, "altered");

    List<String> removed = new ArrayList<>(lines);
    removed.remove(16);
    assertFailsAt(verify(removed, c), 17, "missing or out of order");

    List<String> swapped = new ArrayList<>(lines);
    swapped.set(9, lines.get(10));
    swapped.set(10, lines.get(9));
    assertFailsAt(verify(swapped, c), 10, "out of order");

    List<String> truncated = new ArrayList<>(lines.subList(0, 39));
    assertFailsAt(verify(truncated, c), 40, "missing");

    // Back-dated by one microsecond: the time is compared to the microsecond, and the entry is also altered.
    TransparencyEntry e = entries.get(30);
    TransparencyEntry early = new TransparencyEntry(e.seq(), entries.get(29).recordedAt().minusNanos(1000),
        e.process(), e.reference(), e.eventType(), e.agency(), e.requestType(), e.accessCategory(), e.decision(),
        e.legalBasis(), e.actorRole(), e.privateDigest());
    List<String> backDated = new ArrayList<>(lines);
    backDated.set(30, ExportFormat.line(early, LeafFormat.leafHash(e)));
    assertFailsAt(verify(backDated, c), 31, "back-dated");

    // Content and recorded hash changed together: detected, but the position cannot be proven.
    TransparencyEntry six = entries.get(5);
    TransparencyEntry changed = new TransparencyEntry(six.seq(), six.recordedAt(), six.process(), six.reference(),
        six.eventType(), six.agency(), six.requestType(), six.accessCategory(), "COMPLIED", six.legalBasis(),
        six.actorRole(), six.privateDigest());
    List<String> both = new ArrayList<>(lines);
    both.set(5, ExportFormat.line(changed, LeafFormat.leafHash(changed)));
    LogVerifier.Result r = verify(both, c);
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).contains("cannot be pinned down");

    // Only the recorded hash changed: the content still matches the signed root.
    List<String> claimOnly = new ArrayList<>(lines);
    claimOnly.set(5, ExportFormat.line(entries.get(5), LeafFormat.leafHash(entries.get(6))));
    assertThat(verify(claimOnly, c).ok()).isTrue();

    // A checkpoint signed by another key.
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint forged = Checkpoint.sign("test", c.treeSize(), c.rootHashBytes(), c.timestamp(), "k",
        other.getPrivate());
    assertThat(verify(lines, forged).reason()).contains("signature");
  }

  /** Another spelling of the same entries (full parser) verifies; its content is what is hashed. */
  @Test
  void nonCanonicalSpellingsOfTheSameEntryVerify() throws Exception {
    List<TransparencyEntry> entries = entries(10);
    Checkpoint c = checkpoint(entries);
    List<String> lines = lines(entries);
    List<String> respelled = new ArrayList<>(lines);
    respelled.set(0, lines.get(0).replace("\"DETAINER\"", "\"\\u0044ETAINER\"").replace(",\"seq\":1,", ", \"seq\" : 1 ,"));
    respelled.set(2, lines.get(2).replace("😀", "\\ud83d\\ude00").replace("é", "\\u00E9"));
    respelled.set(5, lines.get(5).replace("{\"v\":1,\"seq\":6,", "{\"seq\":6,\"v\":1,"));
    for (int k : new int[] {0, 2, 5}) {
      assertThat(ExportFormat.parseCanonical(respelled.get(k))).as(respelled.get(k)).isNull();
    }
    LogVerifier.Result r = verify(respelled, c);
    assertThat(r.ok()).as(r.describe()).isTrue();
    // The same respelling with a changed value is still found.
    respelled.set(2, respelled.get(2).replace("\\ud83d\\ude00", "\\ud83d\\ude01"));
    assertFailsAt(verify(respelled, c), 3, "altered");
  }

  /** Every malformed line is an unreadable entry at its own position, whichever path it took. */
  @Test
  void malformedLinesAreRefusedAtTheirPosition() throws Exception {
    List<TransparencyEntry> entries = entries(10);
    Checkpoint c = checkpoint(entries);
    List<String> lines = lines(entries);
    String line = lines.get(6);
    String[] bad = {
        line.substring(0, line.length() - 1),
        line + "}",
        line + " x",
        line + "{}",
        "[" + line + "]",
        line.replace(",\"agency\":\"ICE_ERO\"", ""),
        line.replace("\"leafHash\":", "\"extra\":1,\"leafHash\":"),
        // Duplicate keys, with the same value and with another one: both refused, so no reader can be misled.
        line.replace(",\"leafHash\":", ",\"decision\":\"DECLINED\",\"leafHash\":"),
        line.replace(",\"leafHash\":", ",\"decision\":\"COMPLIED\",\"leafHash\":"),
        line.replace("{\"v\":1,", "{\"v\":1,\"v\":1,"),
        // Values of the wrong JSON type that a lenient reader would coerce to the right one.
        line.replace("\"v\":1,", "\"v\":\"1\","),
        line.replace("\"v\":1,", "\"v\":1.0,"),
        line.replace("\"seq\":7,", "\"seq\":7.0,"),
        line.replace("\"seq\":7,", "\"seq\":\"7\","),
        line.replace("\"eventType\":\"DECIDED\"", "\"eventType\":7"),
        line.replace("\"eventType\":\"DECIDED\"", "\"eventType\":[\"DECIDED\"]"),
        line.replace("\"eventType\":\"DECIDED\"", "\"eventType\":true"),
        line.replace("\"recordedAt\":\"", "\"recordedAt\":1,\"x\":\""),
        // A raw control character and a bad escape inside a string.
        line.replace("FR-2026-", "FR-\t2026-"),
        line.replace("FR-2026-", "FR-\\x2026-"),
        line.replace("FR-2026-", "FR-\\u20"),
        // Not a time, or a date that does not exist.
        line.replace("2026-01-01T", "2026-02-30T"),
        line.replace("2026-01-01T", "2026-13-01T"),
        line.replace("\"leafHash\":\"", "\"leafHash\":\"!"),
        "{\"v\":1,\"seq\":7}",
        "garbage"};
    for (String b : bad) {
      List<String> changed = new ArrayList<>(lines);
      changed.set(6, b);
      assertFailsAt(verify(changed, c), 7, "");
      assertThat(ExportFormat.parseCanonical(b)).as(b).isNull();
    }
    List<String> changed = new ArrayList<>(lines);
    changed.set(6, line.replace("\"leafHash\":\"", "\"leafHash\":\"!"));
    assertFailsAt(verify(changed, c), 7, "unreadable: leafHash is not base64");
    changed.set(6, line.replace(",\"leafHash\":", ",\"decision\":\"DECLINED\",\"leafHash\":"));
    assertFailsAt(verify(changed, c), 7, "unreadable: not valid JSON: Duplicate field 'decision'");
  }

  /**
   * Bytes that are not UTF-8 (a lone continuation byte, an overlong slash, an encoded surrogate, a code point
   * above U+10FFFF, a truncated sequence) make that entry unreadable: neither path hashes something else.
   */
  @Test
  void bytesThatAreNotUtf8AreAnUnreadableEntry() throws Exception {
    List<TransparencyEntry> entries = entries(10);
    Checkpoint c = checkpoint(entries);
    List<String> lines = lines(entries);
    int[][] sequences = {{0x80}, {0xc0, 0xaf}, {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80}, {0xe2, 0x82},
        {0xf8, 0x88, 0x80, 0x80, 0x80}};
    for (int[] seq : sequences) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (i == 4) {
          int at = l.indexOf("FR-2026-");
          out.writeBytes(utf8(l.substring(0, at)));
          for (int b : seq) {
            out.write(b);
          }
          out.writeBytes(utf8(l.substring(at)));
        } else {
          out.writeBytes(utf8(l));
        }
        out.write('\n');
      }
      assertFailsAt(verify(out.toByteArray(), c), 5, "not valid UTF-8");
    }
  }

  /** The byte-level reader, line by line: it must refuse every spelling the export does not write. */
  @Test
  void theFastPathRefusesEverySpellingButTheCanonicalOne() {
    TransparencyEntry e = entry(7);
    byte[] hash = LeafFormat.leafHash(e);
    String line = ExportFormat.line(e, hash);
    assertThat(ExportFormat.parseCanonical(line)).isNotNull();
    String b64 = Base64.getEncoder().encodeToString(hash);
    char last = b64.charAt(42);
    String[] others = {
        line.replace("T00:00:07.000007Z", "T00:00:60.000007Z"),
        line.replace("T00:00:07.000007Z", "T24:00:07.000007Z"),
        line.replace("T00:00:07.000007Z", "T00:60:07.000007Z"),
        line.replace("T00:00:07.000007Z", "T00:00:07.00007Z"),
        line.replace("T00:00:07.000007Z", "T00:00:07.000007+00:00"),
        line.replace("2026-01-01", "+2026-01-01"),
        line.replace("\"seq\":7,", "\"seq\":1234567890123456789,"),
        line.replace("\"seq\":7,", "\"seq\":-7,"),
        line.replace("\"seq\":7,", "\"seq\":7e0,"),
        line.replace("FR-2026-7", "FR-2026-\\u0037"),
        line.replace("FR-2026-7", "FR-2026-\\u0020"),
        line.replace("FR-2026-7", "FR-2026-7\\/"),
        line.replace("FR-2026-7", "FR-2026-7\\n"),
        line.replace("\"agency\":\"ICE_ERO\"", "\"agency\":NULL"),
        line.replace("\"agency\":\"ICE_ERO\"", "\"agency\":nul"),
        // Other base64 spellings that a lenient decoder reads (or misreads) as a hash.
        line.replace(b64, b64.substring(0, 42) + (char) (last + 1) + "="),
        line.replace(b64, b64.substring(0, 43)),
        line.replace(b64, b64.substring(0, 42) + "=="),
        line.replace(b64, b64.replace('+', '-').replace('/', '_')),
        line.replace("\"leafHash\":\"" + b64 + "\"", "\"leafHash\":\"\""),
        line.replace(",\"leafHash\":\"" + b64 + "\"", ""),
        line.replace("{\"v\":1", "{ \"v\":1"),
        line + "\n"};
    for (String other : others) {
      if (other.equals(line)) {
        throw new AssertionError("the mutation did not apply: " + other);
      }
      assertThat(ExportFormat.parseCanonical(other)).as(other).isNull();
    }
  }

  /** Random field values (any character from controls to astral): the two paths give the same leaf bytes. */
  @Test
  void theFastPathAndTheFullParserAgreeOnRandomEntries() throws Exception {
    java.util.Random random = new java.util.Random(6962);
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        int kind = random.nextInt(6);
        s.appendCodePoint(switch (kind) {
          case 0 -> random.nextInt(0x20);
          case 1 -> 0x20 + random.nextInt(0x60);
          case 2 -> 0x80 + random.nextInt(0x780);
          case 3 -> 0x800 + random.nextInt(0xd000);
          case 4 -> 0xe000 + random.nextInt(0x2000);
          default -> 0x10000 + random.nextInt(0x100000);
        });
      }
      TransparencyEntry e = new TransparencyEntry(1 + random.nextInt(Integer.MAX_VALUE),
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1000L), s.toString(),
          null, "\"\\", s.reverse().toString(), "", "a", null, null, null, "ff".repeat(32));
      String line = ExportFormat.line(e, i % 3 == 0 ? null : LeafFormat.leafHash(e));
      ExportFormat.CanonicalLine fast = ExportFormat.parseCanonical(line);
      assertThat(fast).as(line).isNotNull();
      assertThat(fast.leafData()).isEqualTo(LeafFormat.leafData(e));
      assertThat(fast.seq()).isEqualTo(e.seq());
      assertThat(fast.recordedAt()).isEqualTo(e.recordedAt());
      assertThat(fast.leafHash()).isEqualTo(i % 3 == 0 ? null : LeafFormat.leafHash(e));
      assertThat(ExportFormat.parse(line).entry()).isEqualTo(e);
    }
  }
}
