package org.sanctuarycity.workflow.report;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.sanctuarycity.workflow.transparency.LeafFormat;

/**
 * A published quarterly report. {@code reportJson} is the frozen text of /transparency/report.json for the
 * period when it was drafted, and {@code sha256} its lowercase-hex SHA-256 (of the UTF-8 bytes).
 * {@code report} is the same text embedded as JSON, for reading. {@code logSeq} is the REPORT_PUBLISHED
 * entry of the transparency log, whose legalBasis field carries the same SHA-256.
 *
 * <p>The signature is Ed25519 by the log key over the UTF-8 bytes of {@link #signedText()}:
 * {@code {"v":1,"type":"transparency-report","origin":"...","reference":"TR-2026-Q3","revision":1,
 * "from":"2026-07-01","to":"2026-09-30","sha256":"<hex>","logSeq":N,"publishedAt":"<UTC, 6 digits>Z"}}
 * with no whitespace, in this order, strings escaped as in the log's leaf format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedReport(
    long id,
    String reference,
    int revision,
    LocalDate from,
    LocalDate to,
    String sha256,
    long logSeq,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
    Instant publishedAt,
    String origin,
    String keyId,
    String signature,
    @JsonRawValue String report,
    String reportJson) {

  public String signedText() {
    return signedText(origin, reference, revision, from, to, sha256, logSeq, publishedAt);
  }

  static String signedText(String origin, String reference, int revision, LocalDate from, LocalDate to,
      String sha256, long logSeq, Instant publishedAt) {
    StringBuilder sb = new StringBuilder("{\"v\":1,\"type\":\"transparency-report\",\"origin\":");
    LeafFormat.quote(sb, origin);
    sb.append(",\"reference\":");
    LeafFormat.quote(sb, reference);
    sb.append(",\"revision\":").append(revision)
        .append(",\"from\":\"").append(from).append("\",\"to\":\"").append(to).append("\",\"sha256\":");
    LeafFormat.quote(sb, sha256);
    sb.append(",\"logSeq\":").append(logSeq)
        .append(",\"publishedAt\":\"").append(LeafFormat.time(publishedAt)).append("\"}");
    return sb.toString();
  }

  /** The list view: everything but the report itself. */
  PublishedReport summary() {
    return new PublishedReport(id, reference, revision, from, to, sha256, logSeq, publishedAt, origin, keyId,
        signature, null, null);
  }

  /** True only if the signature is a valid Ed25519 signature of {@link #signedText()} by {@code key}. */
  public boolean verify(PublicKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(signedText().getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }
}
