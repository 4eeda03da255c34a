package org.sanctuarycity.workflow.transparency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only transparency log. Appends join the caller's transaction (a step and its entry commit or roll
 * back together), but are not written at once: {@link #append} queues the entry in a list bound to the
 * transaction, and a {@link TransactionSynchronization} writes the queued entries in {@code beforeCommit}, after
 * the engine's flush and the JPA flush, with one batched statement per entry: the head row hands out the next
 * gapless sequence number and a non-decreasing database timestamp. Its row lock, which serializes every logging
 * transaction, is therefore held only from just before the commit until the commit, not for the step's work.
 * Sequence numbers follow commit order. A failure while writing fails the commit and rolls everything back.
 * Reads in the appending transaction ({@link #forReference}, {@link #hasEntry}) see the queued entries too.
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
      SELECT head.last_seq, head.last_at, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM head""";

  static final String PUBLIC_COLUMNS = "seq, recorded_at, process, reference, event_type, agency, "
      + "request_type, access_category, decision, legal_basis, actor_role, private_digest";

  /**
   * The sequence number a queued entry shows to reads in its own transaction: it has none until it is written
   * just before the commit. Queued entries are listed after the written ones, in the order they were appended.
   */
  public static final long PENDING_SEQ = 0;

  private static final RowMapper<TransparencyEntry> PUBLIC_ROW = TransparencyLog::mapPublic;

  private final JdbcTemplate jdbc;
  private final ObjectProvider<EntityManagerFactory> entityManagers;
  private final SecureRandom random = new SecureRandom();
  /** The key of this log's queue among the transaction's resources. */
  private final Object queueKey = new Object();

  public TransparencyLog(JdbcTemplate jdbc, ObjectProvider<EntityManagerFactory> entityManagers) {
    this.jdbc = jdbc;
    this.entityManagers = entityManagers;
  }

  /**
   * Queues the entry in the current transaction, which must exist: an entry never commits on its own. It is
   * written just before that transaction commits, and only if it commits.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(LogEvent event) {
    validate(event);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalTransactionStateException("The transparency log needs transaction synchronization");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Queued entry = new Queued(event, salt, privateDigest(salt, event.actorUser(), event.recordId()), Instant.now());
    Queue queue = (Queue) TransactionSynchronizationManager.getResource(queueKey);
    if (queue == null) {
      queue = new Queue();
      TransactionSynchronizationManager.bindResource(queueKey, queue);
      TransactionSynchronizationManager.registerSynchronization(new WriteBeforeCommit(queue));
    }
    if (queue.written) {
      // Appended by another synchronization after this log's entries were written: write it now, still before
      // the commit, so that it is not lost.
      write(List.of(entry));
    } else {
      queue.entries.add(entry);
    }
  }

  /**
   * Writes the entry at once, in the current transaction, and returns its sequence number, for the rare step
   * that must cite its own entry (a published report signs it). Entries queued earlier in the transaction are
   * written first, so the order of appends is kept. The head row then stays locked until the commit, so
   * ordinary steps use {@link #append}.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long appendNow(LogEvent event) {
    validate(event);
    Queue queue = (Queue) TransactionSynchronizationManager.getResource(queueKey);
    if (queue != null && !queue.entries.isEmpty()) {
      write(queue.entries);
      queue.entries.clear();
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String digest = privateDigest(salt, event.actorUser(), event.recordId());
    Long seq = jdbc.queryForObject(APPEND + " RETURNING seq", Long.class, event.process(), event.reference(),
        event.eventType().name(), event.agency(), event.requestType(), event.accessCategory(), event.decision(),
        event.legalBasis(), event.actorRole(), digest, event.actorUser(), event.recordId(), salt);
    return seq == null ? PENDING_SEQ : seq;
  }

  /**
   * The checks the database would make when the entry is written (column sizes; LogEvent checks the required
   * fields), made at append so that a bad entry fails the step that produced it rather than its commit.
   */
  static void validate(LogEvent e) {
    fits("process", e.process(), 40);
    fits("reference", e.reference(), 20);
    fits("eventType", e.eventType().name(), 32);
    fits("agency", e.agency(), 32);
    fits("requestType", e.requestType(), 40);
    fits("accessCategory", e.accessCategory(), 40);
    fits("decision", e.decision(), 24);
    fits("legalBasis", e.legalBasis(), 64);
    fits("actorRole", e.actorRole(), 64);
    fits("actorUser", e.actorUser(), 128);
  }

  private static void fits(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException("Transparency log " + field + " longer than " + max + " characters");
    }
  }

  /** Entries of one reference in sequence order, including those queued in the current transaction. */
  @Transactional(readOnly = true)
  public List<TransparencyEntry> forReference(String reference) {
    List<TransparencyEntry> entries = new ArrayList<>(jdbc.query("SELECT " + PUBLIC_COLUMNS
        + " FROM transparency_entry WHERE reference = ? ORDER BY seq", PUBLIC_ROW, reference));
    for (Queued q : pending()) {
      if (reference.equals(q.event().reference())) {
        entries.add(q.toPublic());
      }
    }
    return entries;
  }

  /** Whether such an entry exists, counting those queued in the current transaction. */
  @Transactional(readOnly = true)
  public boolean hasEntry(String reference, EventType type, String decision) {
    for (Queued q : pending()) {
      LogEvent e = q.event();
      if (reference.equals(e.reference()) && type == e.eventType() && (decision == null || decision.equals(e.decision()))) {
        return true;
      }
    }
    Integer n = jdbc.queryForObject("SELECT count(*) FROM transparency_entry WHERE reference = ? AND event_type = ?"
        + " AND (CAST(? AS VARCHAR) IS NULL OR decision = ?)", Integer.class, reference, type.name(), decision, decision);
    return n != null && n > 0;
  }

  /** The entries queued in the current transaction and not yet written (none outside a transaction). */
  private List<Queued> pending() {
    Queue queue = (Queue) TransactionSynchronizationManager.getResource(queueKey);
    return queue == null || queue.written ? List.of() : List.copyOf(queue.entries);
  }

  /** One statement per entry, sent as one batch, in append order: sequence numbers follow it. */
  private void write(List<Queued> entries) {
    jdbc.batchUpdate(APPEND, entries, entries.size(), (ps, q) -> {
      LogEvent e = q.event();
      Object[] values = {e.process(), e.reference(), e.eventType().name(), e.agency(), e.requestType(),
          e.accessCategory(), e.decision(), e.legalBasis(), e.actorRole(), q.digest(), e.actorUser(), e.recordId(),
          q.salt()};
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
    });
  }

  /** Writes the pending JPA changes first, so that the head lock is not held while Hibernate flushes at commit. */
  private void flushEntityManager() {
    EntityManagerFactory emf = entityManagers.getIfAvailable();
    if (emf != null && TransactionSynchronizationManager.getResource(emf) instanceof EntityManagerHolder holder) {
      holder.getEntityManager().flush();
    }
  }

  private record Queued(LogEvent event, byte[] salt, String digest, Instant queuedAt) {
    TransparencyEntry toPublic() {
      return new TransparencyEntry(PENDING_SEQ, queuedAt, event.process(), event.reference(), event.eventType().name(),
          event.agency(), event.requestType(), event.accessCategory(), event.decision(), event.legalBasis(),
          event.actorRole(), digest);
    }
  }

  private static final class Queue {
    final List<Queued> entries = new ArrayList<>();
    boolean written;
  }

  /** Writes the queue just before commit; unbinds it when the transaction ends or is suspended. */
  private final class WriteBeforeCommit implements TransactionSynchronization {
    private final Queue queue;

    WriteBeforeCommit(Queue queue) {
      this.queue = queue;
    }

    @Override
    public int getOrder() {
      // After other synchronizations' beforeCommit work, as close to the commit as possible.
      return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResource(queueKey);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(queueKey, queue);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (queue.entries.isEmpty()) {
        queue.written = true;
        return;
      }
      flushEntityManager();
      write(queue.entries);
      queue.written = true;
      queue.entries.clear();
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(queueKey);
      queue.entries.clear();
    }
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
