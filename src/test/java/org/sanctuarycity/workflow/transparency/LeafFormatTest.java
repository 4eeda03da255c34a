package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonical leaf bytes are a public contract (docs/transparency.md): pinned here byte for byte. */
class LeafFormatTest {

  static final TransparencyEntry ENTRY = new TransparencyEntry(17, Instant.parse("2026-11-26T22:41:50.1234Z"),
      "federal-request", "FR-2026-00017", "DECIDED", "ICE_ERO", "DETAINER", "HOLD_NOTIFY_TRANSFER", "DECLINED",
      "SB54_7284_6_A1B", "city-attorney", "ab".repeat(32));

  @Test
  void theLeafDataIsCompactJsonInFixedOrderWithMicroseconds() {
    assertThat(new String(LeafFormat.leafData(ENTRY), StandardCharsets.UTF_8)).isEqualTo(
        "{\"v\":1,\"seq\":17,\"recordedAt\":\"2026-11-26T22:41:50.123400Z\",\"process\":\"federal-request\","
            + "\"reference\":\"FR-2026-00017\",\"eventType\":\"DECIDED\",\"agency\":\"ICE_ERO\",\"requestType\":\"DETAINER\","
            + "\"accessCategory\":\"HOLD_NOTIFY_TRANSFER\",\"decision\":\"DECLINED\",\"legalBasis\":\"SB54_7284_6_A1B\","
            + "\"actorRole\":\"city-attorney\",\"privateDigest\":\"" + "ab".repeat(32) + "\"}");
  }

  @Test
  void nullsQuotesControlCharactersAndNonAsciiFollowTheDocumentedRules() {
    TransparencyEntry e = new TransparencyEntry(1, Instant.EPOCH, "p\"\\\n\u001f", "FR-2026-00001", "RECEIVED", null,
        null, null, null, null, "système", "00".repeat(32));
    String json = LeafFormat.json(e);
    assertThat(json).contains("\"recordedAt\":\"1970-01-01T00:00:00.000000Z\"")
        .contains("\"process\":\"p\\\"\\\\\\u000a\\u001f\"").contains("\"agency\":null")
        .contains("\"actorRole\":\"système\"");
    // The hash is over UTF-8 bytes with the 0x00 leaf prefix.
    byte[] expected = Merkle.sha256().digest(concat(new byte[] {0}, json.getBytes(StandardCharsets.UTF_8)));
    assertThat(LeafFormat.leafHash(e)).isEqualTo(expected);
  }

  @Test
  void anExportLineParsesBackToTheSameLeaf() throws Exception {
    byte[] hash = LeafFormat.leafHash(ENTRY);
    ExportFormat.Line line = ExportFormat.parse(ExportFormat.line(ENTRY, hash));
    assertThat(line.entry()).isEqualTo(ENTRY);
    assertThat(line.leafHash()).isEqualTo(hash);
    assertThat(ExportFormat.parse(ExportFormat.line(ENTRY, null)).leafHash()).isNull();
  }

  /** The verifiers' fast path takes only lines already in canonical form, and then yields the same leaf bytes. */
  @Test
  void theFastPathAgreesWithTheFullParserAndRefusesEveryOtherSpelling() throws Exception {
    TransparencyEntry odd = new TransparencyEntry(12, Instant.parse("2026-03-01T23:59:59.999999Z"), "p\"\\\n\u001f/",
        "FR-2026-00001", "RECEIVED", null, null, null, null, null, "système 😀", "00".repeat(32));
    for (TransparencyEntry e : new TransparencyEntry[] {ENTRY, odd}) {
      byte[] hash = LeafFormat.leafHash(e);
      String line = ExportFormat.line(e, hash);
      ExportFormat.CanonicalLine fast = ExportFormat.parseCanonical(line);
      assertThat(fast).as(line).isNotNull();
      assertThat(fast.leafData()).isEqualTo(LeafFormat.leafData(e));
      assertThat(fast.seq()).isEqualTo(e.seq());
      assertThat(fast.recordedAt()).isEqualTo(e.recordedAt());
      assertThat(fast.leafHash()).isEqualTo(hash);
      assertThat(ExportFormat.parseCanonical(ExportFormat.line(e, null)).leafHash()).isNull();
    }
    String line = ExportFormat.line(ENTRY, null);
    String[] others = {
        line.replace("\"seq\":17", "\"seq\":017"),
        line.replace("\"seq\":17", "\"seq\": 17"),
        line.replace(".123400Z", ".1234Z"),
        line.replace("22:41:50.123400Z", "22:41:60.123400Z"),
        line.replace("\"DETAINER\"", "\"\\u0044ETAINER\""),
        line.replace("\"city-attorney\"", "\"city\\/attorney\""),
        line.replace("\"process\":\"federal-request\",\"reference\":\"FR-2026-00017\"",
            "\"reference\":\"FR-2026-00017\",\"process\":\"federal-request\""),
        line + " ",
        line.replace("{\"v\":1", "{\"v\":2")};
    for (String other : others) {
      assertThat(ExportFormat.parseCanonical(other)).as(other).isNull();
    }
    // The full parser reads another spelling of the same entry back to the same leaf.
    assertThat(LeafFormat.leafData(ExportFormat.parse(others[4]).entry())).isEqualTo(LeafFormat.leafData(ENTRY));
    String control = ExportFormat.line(odd, null).replace("\\u001f", "\\u001F");
    assertThat(ExportFormat.parseCanonical(control)).isNull();
    assertThat(LeafFormat.leafData(ExportFormat.parse(control).entry())).isEqualTo(LeafFormat.leafData(odd));
  }

  @Test
  void checkpointSignaturesCoverEverySignedField() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] root = HexFormat.of().parseHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    Checkpoint c = Checkpoint.sign("log", 8, root, Instant.parse("2026-01-01T00:00:00Z"), "id", pair.getPrivate());
    assertThat(new String(c.signedBytes(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"v\":1,\"origin\":\"log\",\"treeSize\":8,\"rootHash\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\","
            + "\"timestamp\":\"2026-01-01T00:00:00.000000Z\"}");
    assertThat(c.verify(pair.getPublic())).isTrue();
    assertThat(new Checkpoint("other", 8, c.rootHash(), c.timestamp(), "id", c.signature()).verify(pair.getPublic()))
        .isFalse();
    assertThat(new Checkpoint("log", 9, c.rootHash(), c.timestamp(), "id", c.signature()).verify(pair.getPublic()))
        .isFalse();
    assertThat(new Checkpoint("log", 8, c.rootHash(), c.timestamp().plusNanos(1000), "id", c.signature())
        .verify(pair.getPublic())).isFalse();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
