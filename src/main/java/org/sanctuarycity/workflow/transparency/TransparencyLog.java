package org.sanctuarycity.workflow.transparency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only transparency log. Appends join the caller's transaction (a step and its entry
 * commit or roll back together) and cost one statement: the head row hands out the next gapless
 * sequence number and a non-decreasing database timestamp, and its row lock serializes appends until commit.
 */
@Service
public class TransparencyLog {

  private static final String APPEND = """
      WITH head AS (
          UPDATE transparency_head
             SET last_seq = last_seq + 1,
                 last_at = greatest(last_at, clock_timestamp())
           WHERE id = 1
       RETURNING last_seq, last_at)
      INSERT INTO transparency_entry (seq, recorded_at, process, reference, event_type, agency, request_type,
                                      access_category, decision, legal_basis, actor_role, private_digest,
                                      actor_user, record_id, private_salt)
      SELECT head.last_seq, head.last_at, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM head
      RETURNING seq""";

  static final String PUBLIC_COLUMNS = "seq, recorded_at, process, reference, event_type, agency, "
      + "request_type, access_category, decision, legal_basis, actor_role, private_digest";

  private static final RowMapper<TransparencyEntry> PUBLIC_ROW = TransparencyLog::mapPublic;

  private final JdbcTemplate jdbc;
  private final SecureRandom random = new SecureRandom();

  public TransparencyLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Appends within the current transaction, which must exist: an entry never commits on its own. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long append(LogEvent event) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String digest = privateDigest(salt, event.actorUser(), event.recordId());
    Long seq = jdbc.queryForObject(APPEND, Long.class,
        event.process(), event.reference(), event.eventType().name(), event.agency(), event.requestType(),
        event.accessCategory(), event.decision(), event.legalBasis(), event.actorRole(), digest,
        event.actorUser(), event.recordId(), salt);
    return seq == null ? -1 : seq;
  }

  @Transactional(readOnly = true)
  public List<TransparencyEntry> forReference(String reference) {
    return jdbc.query("SELECT " + PUBLIC_COLUMNS + " FROM transparency_entry WHERE reference = ? ORDER BY seq",
        PUBLIC_ROW, reference);
  }

  @Transactional(readOnly = true)
  public boolean hasEntry(String reference, EventType type, String decision) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM transparency_entry WHERE reference = ? AND event_type = ?"
        + " AND (CAST(? AS VARCHAR) IS NULL OR decision = ?)", Integer.class, reference, type.name(), decision, decision);
    return n != null && n > 0;
  }

  @Transactional(readOnly = true)
  public List<TransparencyEntry> page(String reference, String eventType, Timestamp from, Timestamp to,
      long afterSeq, int limit) {
    return jdbc.query("SELECT " + PUBLIC_COLUMNS + " FROM transparency_entry"
            + " WHERE seq > ? AND (CAST(? AS VARCHAR) IS NULL OR reference = ?)"
            + " AND (CAST(? AS VARCHAR) IS NULL OR event_type = ?)"
            + " AND (CAST(? AS TIMESTAMPTZ) IS NULL OR recorded_at >= ?)"
            + " AND (CAST(? AS TIMESTAMPTZ) IS NULL OR recorded_at < ?)"
            + " ORDER BY seq LIMIT ?",
        PUBLIC_ROW, afterSeq, reference, reference, eventType, eventType, from, from, to, to, limit);
  }

  /** SHA-256 over salt || actorUser || 0x1f || recordId: binds the hidden part without revealing it. */
  static String privateDigest(byte[] salt, String actorUser, UUID recordId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(String.valueOf(actorUser).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0x1f);
      sha.update(String.valueOf(recordId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static TransparencyEntry mapPublic(ResultSet rs, int row) throws SQLException {
    return new TransparencyEntry(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(),
        rs.getString("process"), rs.getString("reference"), rs.getString("event_type"), rs.getString("agency"),
        rs.getString("request_type"), rs.getString("access_category"), rs.getString("decision"),
        rs.getString("legal_basis"), rs.getString("actor_role"), rs.getString("private_digest"));
  }
}
