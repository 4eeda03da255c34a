package org.sanctuarycity.workflow.transparency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs checkpoints of the log and answers Merkle proofs. Leaf hashes are cached in transparency_leaf when
 * a checkpoint first covers an entry; proofs come from that cache, while verification recomputes from the
 * entries (see {@link LogVerification}).
 */
@Service
public class Checkpoints {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  /** Any fixed number: serializes checkpoint makers across threads and instances, without blocking appends. */
  private static final long CHECKPOINT_LOCK = 6962L;

  private static final RowMapper<Checkpoint> ROW = (rs, i) -> new Checkpoint(rs.getString("origin"),
      rs.getLong("tree_size"), Base64.getEncoder().encodeToString(rs.getBytes("root_hash")),
      rs.getTimestamp("signed_at").toInstant(), rs.getString("key_id"),
      Base64.getEncoder().encodeToString(rs.getBytes("signature")));

  private static final String COLUMNS = "tree_size, root_hash, signed_at, origin, key_id, signature";

  private final JdbcTemplate jdbc;
  private final LogSigningKey key;
  private final TransparencyProperties properties;
  private final Clock clock;

  public Checkpoints(JdbcTemplate jdbc, LogSigningKey key, TransparencyProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.key = key;
    this.properties = properties;
    this.clock = clock;
  }

  /** Signs a checkpoint of everything committed so far, if the log grew since the last one. */
  @Transactional
  public Optional<Checkpoint> create() {
    jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, CHECKPOINT_LOCK);
    // Appends commit in sequence order (the head row's lock), so every seq up to the committed head exists.
    long size = jdbc.queryForObject("SELECT last_seq FROM transparency_head WHERE id = 1", Long.class);
    long previous = latest().map(Checkpoint::treeSize).orElse(0L);
    if (size <= previous) {
      return Optional.empty();
    }
    List<TransparencyEntry> fresh = jdbc.query("SELECT " + TransparencyLog.PUBLIC_COLUMNS
        + " FROM transparency_entry WHERE seq > ? AND seq <= ? ORDER BY seq", TransparencyLog::mapPublic, previous, size);
    if (fresh.size() != size - previous) {
      throw new IllegalStateException("transparency log has a gap between " + previous + " and " + size);
    }
    List<Object[]> rows = new ArrayList<>(fresh.size());
    for (TransparencyEntry e : fresh) {
      rows.add(new Object[] {e.seq(), LeafFormat.leafHash(e)});
    }
    jdbc.batchUpdate("INSERT INTO transparency_leaf (seq, leaf_hash) VALUES (?, ?)", rows);
    byte[] root = rootFromCache(size);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Checkpoint c = Checkpoint.sign(properties.origin(), size, root, now, key.keyId(), key.privateKey());
    jdbc.update("INSERT INTO transparency_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        c.treeSize(), root, Timestamp.from(now), c.origin(), c.keyId(), Base64.getDecoder().decode(c.signature()));
    log.info("Signed transparency checkpoint at tree size {}", size);
    return Optional.of(c);
  }

  @Transactional(readOnly = true)
  public Optional<Checkpoint> latest() {
    return jdbc.query("SELECT " + COLUMNS + " FROM transparency_checkpoint ORDER BY tree_size DESC LIMIT 1", ROW)
        .stream().findFirst();
  }

  /** Checkpoints in ascending tree size, after {@code afterSize}. */
  @Transactional(readOnly = true)
  public List<Checkpoint> list(long afterSize, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM transparency_checkpoint WHERE tree_size > ? ORDER BY tree_size LIMIT ?",
        ROW, afterSize, limit);
  }

  /** Proof that entry {@code seq} is leaf seq-1 of the tree of the first {@code size} entries. */
  @Transactional(readOnly = true)
  public InclusionProof inclusion(long seq, long size) {
    requireCovered(size, "size");
    if (seq < 1 || seq > size) {
      throw InvalidInputException.of("seq", "must be between 1 and size");
    }
    List<byte[]> leaves = leafHashes(size);
    List<byte[]> proof = Merkle.inclusionProof(leaves, (int) (seq - 1), (int) size);
    return new InclusionProof(seq, seq - 1, size, b64(leaves.get((int) (seq - 1))), b64(Merkle.root(leaves)),
        proof.stream().map(Checkpoints::b64).toList());
  }

  /** Proof that the tree of the first {@code from} entries is a prefix of the tree of the first {@code to}. */
  @Transactional(readOnly = true)
  public ConsistencyProof consistency(long from, long to) {
    requireCovered(to, "to");
    if (from < 1 || from > to) {
      throw InvalidInputException.of("from", "must be between 1 and to");
    }
    List<byte[]> leaves = leafHashes(to);
    return new ConsistencyProof(from, to, b64(Merkle.root(leaves.subList(0, (int) from))), b64(Merkle.root(leaves)),
        Merkle.consistencyProof(leaves, (int) from, (int) to).stream().map(Checkpoints::b64).toList());
  }

  private void requireCovered(long size, String field) {
    long covered = latest().map(Checkpoint::treeSize).orElseThrow(() -> new NotFoundException("Checkpoint"));
    if (size < 1 || size > covered) {
      throw InvalidInputException.of(field, "must be between 1 and the latest checkpoint's tree size");
    }
  }

  private List<byte[]> leafHashes(long size) {
    List<byte[]> leaves = new ArrayList<>((int) size);
    jdbc.query("SELECT leaf_hash FROM transparency_leaf WHERE seq <= ? ORDER BY seq",
        rs -> {
          leaves.add(rs.getBytes(1));
        }, size);
    if (leaves.size() != size) {
      throw new IllegalStateException("leaf hash cache has " + leaves.size() + " rows for size " + size);
    }
    return leaves;
  }

  private byte[] rootFromCache(long size) {
    Merkle.RootBuilder b = new Merkle.RootBuilder();
    jdbc.query("SELECT leaf_hash FROM transparency_leaf WHERE seq <= ? ORDER BY seq", rs -> {
      b.add(rs.getBytes(1));
    }, size);
    if (b.size() != size) {
      throw new IllegalStateException("leaf hash cache has " + b.size() + " rows for size " + size);
    }
    return b.root();
  }

  static String b64(byte[] h) {
    return Base64.getEncoder().encodeToString(h);
  }

  /** An RFC 9162 audit path; {@code leafIndex} is seq - 1. Hashes are base64. */
  public record InclusionProof(long seq, long leafIndex, long treeSize, String leafHash, String rootHash,
      List<String> proof) {}

  /** An RFC 9162 consistency proof between two tree sizes. Hashes are base64. */
  public record ConsistencyProof(long from, long to, String fromRoot, String toRoot, List<String> proof) {}
}
