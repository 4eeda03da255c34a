package org.sanctuarycity.workflow.transparency;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the log from the database and checks it against the signed checkpoints, and writes the
 * public export. Both read the entries in one streamed pass (a cursor, never the whole log in memory).
 */
@Service
public class LogVerification {

  private static final String ENTRIES_WITH_LEAVES = "SELECT e.seq, e.recorded_at, e.process, e.reference, "
      + "e.event_type, e.agency, e.request_type, e.access_category, e.decision, e.legal_basis, e.actor_role, "
      + "e.private_digest, l.leaf_hash FROM transparency_entry e LEFT JOIN transparency_leaf l ON l.seq = e.seq "
      + "ORDER BY e.seq";

  private final JdbcTemplate streaming;
  private final Checkpoints checkpoints;
  private final LogSigningKey key;

  public LogVerification(JdbcTemplate jdbc, Checkpoints checkpoints, LogSigningKey key) {
    // PostgreSQL streams with a cursor only inside a transaction and with a fetch size.
    this.streaming = new JdbcTemplate(jdbc.getDataSource());
    this.streaming.setFetchSize(1000);
    this.checkpoints = checkpoints;
    this.key = key;
  }

  /** What /api/transparency/verify answers. Holds no personal data: positions, sizes and reasons only. */
  public record Report(String status, long entries, Long checkpointSize, String checkpointRoot, Long firstBadSeq,
      String detail) {}

  @Transactional(readOnly = true)
  public Report verify() {
    Checkpoint last = checkpoints.latest().orElse(null);
    if (last == null) {
      Long n = streaming.queryForObject("SELECT count(*) FROM transparency_entry", Long.class);
      return new Report("NO_CHECKPOINT", n == null ? 0 : n, null, null, null,
          "No checkpoint has been signed yet, so there is nothing to verify against.");
    }
    LogVerifier verifier = new LogVerifier(last, key.publicKey());
    streaming.query(ENTRIES_WITH_LEAVES, rs -> {
      verifier.accept(TransparencyLog.mapPublic(rs, 0), rs.getBytes("leaf_hash"));
    });
    LogVerifier.Result r = verifier.finish();
    if (!r.ok()) {
      return new Report("FAILED", r.entriesRead(), last.treeSize(), last.rootHash(), r.firstBadSeq(), r.describe());
    }
    String history = checkHistory(last);
    if (history != null) {
      return new Report("FAILED", r.entriesRead(), last.treeSize(), last.rootHash(), null, history);
    }
    return new Report("OK", r.entriesRead(), last.treeSize(), last.rootHash(), null, r.describe());
  }

  /**
   * Every earlier checkpoint must be validly signed and be a prefix of the latest one. The recorded leaf
   * hashes are proven by the latest root at this point, so the root at each earlier size comes from them
   * in one pass.
   */
  private String checkHistory(Checkpoint last) {
    Merkle.RootBuilder leaves = new Merkle.RootBuilder();
    long after = 0;
    List<Checkpoint> page;
    do {
      page = checkpoints.list(after, 500);
      for (Checkpoint c : page) {
        if (!c.verify(key.publicKey())) {
          return "The checkpoint of size " + c.treeSize() + " is not validly signed by the log's key.";
        }
        long target = c.treeSize();
        long from = leaves.size();
        streaming.query("SELECT leaf_hash FROM transparency_leaf WHERE seq > ? AND seq <= ? ORDER BY seq", rs -> {
          leaves.add(rs.getBytes(1));
        }, from, target);
        if (leaves.size() != target || !MessageDigest.isEqual(leaves.root(), c.rootHashBytes())) {
          return "The checkpoint of size " + c.treeSize() + " is not a prefix of the checkpoint of size "
              + last.treeSize() + ": the log was rewritten between them.";
        }
        after = c.treeSize();
      }
    } while (page.size() == 500);
    return null;
  }

  /** Writes the whole public log as JSON Lines ({@link ExportFormat}), in sequence order. */
  @Transactional(readOnly = true)
  public void export(OutputStream out) {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    streaming.query(ENTRIES_WITH_LEAVES, rs -> {
      try {
        w.write(ExportFormat.line(TransparencyLog.mapPublic(rs, 0), rs.getBytes("leaf_hash")));
        w.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
