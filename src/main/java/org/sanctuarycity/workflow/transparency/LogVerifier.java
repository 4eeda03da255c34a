package org.sanctuarycity.workflow.transparency;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;

/**
 * Checks a log, entry by entry in the order given, against one signed checkpoint. The server's
 * /api/transparency/verify and the offline {@code verify-log} command both run this class, so they
 * cannot disagree about what counts as tampering. Memory stays O(log n) however long the log is.
 *
 * <p>What it checks: the checkpoint's Ed25519 signature; sequence numbers 1, 2, 3, ... without gaps or
 * repeats; timestamps that never go backwards; and that the Merkle root recomputed from the entries'
 * public content equals the signed root. To name the first changed entry (a root alone cannot), each
 * entry may come with the leaf hash recorded when it was checkpointed. Those claimed hashes are only
 * trusted after their own root matches the signed one; an attacker cannot forge them without breaking SHA-256.
 */
public final class LogVerifier {

  /** Outcome. {@code firstBadSeq} is the sequence number (position) of the first bad entry, or null. */
  public record Result(boolean ok, long entriesRead, long checkpointSize, Long firstBadSeq, String reason) {

    public String describe() {
      if (ok) {
        return "OK: " + entriesRead + " entries read; the first " + checkpointSize
            + " match the signed checkpoint" + (entriesRead > checkpointSize
                ? " (" + (entriesRead - checkpointSize) + " newer entries are not covered by it yet)" : "");
      }
      return firstBadSeq == null ? "FAILED: " + reason : "FAILED at entry " + firstBadSeq + ": " + reason;
    }
  }

  private final Checkpoint checkpoint;
  private final PublicKey key;
  private final Merkle.RootBuilder recomputed = new Merkle.RootBuilder();
  /** Tree of the claimed leaf hashes; null while they equal the recomputed ones (saves half the hashing). */
  private Merkle.RootBuilder claimed;
  private boolean claimsComplete = true;
  private long count;
  // The previous entry's time as seconds and nanoseconds: comparing two longs costs nothing, an Instant per
  // line would. hasLast is false at the start and after an unreadable line.
  private boolean hasLast;
  private long lastSecond;
  private int lastNano;
  private Long orderProblemSeq;
  private String orderProblem;
  private Long firstHashMismatchSeq;
  // For the export fast path: one digest and one leaf hash buffer, reused for every line.
  private final MessageDigest leafSha = Merkle.newSha256();
  private final byte[] leafHash = new byte[Merkle.HASH_SIZE];

  public LogVerifier(Checkpoint checkpoint, PublicKey key) {
    this.checkpoint = checkpoint;
    this.key = key;
  }

  /** The next entry in log order, with the leaf hash recorded at checkpoint time if known. */
  public void accept(TransparencyEntry entry, byte[] claimedLeafHash) {
    Instant t = entry.recordedAt();
    next(entry.seq(), t.getEpochSecond(), t.getNano(), count < checkpoint.treeSize() ? LeafFormat.leafHash(entry) : null,
        claimedLeafHash);
  }

  /**
   * The same for the export line that {@code line} has just parsed: its leaf data are hashed where they lie
   * in the read buffer, and only while the checkpoint covers them (later entries are checked for order only).
   */
  public void accept(ExportFormat.CanonicalReader line) {
    byte[] h = null;
    if (count < checkpoint.treeSize()) {
      line.leafHash(leafSha, leafHash);
      h = leafHash;
    }
    next(line.seq(), line.epochSecond(), line.nano(), h, line.claimedLeafHash());
  }

  /** {@code h} and {@code claimedLeafHash} are only read here, never kept: callers may reuse the arrays. */
  private void next(long seq, long second, int nano, byte[] h, byte[] claimedLeafHash) {
    count++;
    long position = count;
    if (orderProblem == null) {
      if (seq > position) {
        orderProblem(position, "missing or out of order: expected entry " + position + " here but found entry "
            + seq);
      } else if (seq < position) {
        orderProblem(position, "out of order: entry " + seq + " appears again at position " + position);
      } else if (hasLast && (second < lastSecond || second == lastSecond && nano < lastNano)) {
        orderProblem(position, "back-dated: recorded at " + LeafFormat.time(Instant.ofEpochSecond(second, nano))
            + ", before the entry preceding it (" + LeafFormat.time(Instant.ofEpochSecond(lastSecond, lastNano)) + ")");
      }
    }
    hasLast = true;
    lastSecond = second;
    lastNano = nano;
    if (position > checkpoint.treeSize()) {
      return;
    }
    if (claimedLeafHash == null || claimedLeafHash.length != Merkle.HASH_SIZE) {
      // No claim, or one that cannot be a leaf hash: the claims can no longer prove where a change is.
      claimsComplete = false;
    } else if (claimed != null) {
      claimed.add(claimedLeafHash);
    } else if (!Arrays.equals(h, claimedLeafHash)) {
      // (Both hashes are public: a comparison in constant time, as MessageDigest.isEqual does, buys nothing.)
      // Until the first difference both trees are the same; only from here on is a second one kept.
      claimed = new Merkle.RootBuilder(recomputed);
      claimed.add(claimedLeafHash);
      firstHashMismatchSeq = position;
    }
    recomputed.add(h);
  }

  /** A line that could not be read counts as a bad entry at the position where it stands. */
  public void unreadable(String why) {
    count++;
    if (orderProblem == null) {
      orderProblem(count, "unreadable: " + why);
    }
    hasLast = false;
    if (count <= checkpoint.treeSize()) {
      claimsComplete = false;
      recomputed.add(new byte[Merkle.HASH_SIZE]);
    }
  }

  private void orderProblem(long position, String why) {
    orderProblemSeq = position;
    orderProblem = why;
  }

  public Result finish() {
    long size = checkpoint.treeSize();
    if (!checkpoint.verify(key)) {
      return new Result(false, count, size, null,
          "the checkpoint's signature is not valid for this public key (signed by another key, or altered)");
    }
    Long badSeq = orderProblemSeq;
    String reason = orderProblem;
    if (count < size) {
      if (badSeq == null) {
        badSeq = count + 1;
        reason = "missing: the checkpoint covers " + size + " entries but the log has only " + count;
      }
    } else {
      byte[] signedRoot = checkpoint.rootHashBytes();
      if (!MessageDigest.isEqual(recomputed.root(), signedRoot)) {
        byte[] claimedRoot = claimed == null ? recomputed.root() : claimed.root();
        boolean claimsProven = claimsComplete && MessageDigest.isEqual(claimedRoot, signedRoot);
        Long hashSeq = claimsProven ? firstHashMismatchSeq : null;
        String hashReason = claimsProven
            ? "altered: its content no longer matches the leaf hash signed in the checkpoint"
            : "the entries do not match the signed root of the checkpoint, and the recorded leaf hashes were "
                + "altered as well, so the first changed entry cannot be pinned down";
        if (badSeq == null || (hashSeq != null && hashSeq < badSeq)) {
          badSeq = hashSeq;
          reason = hashReason;
        }
      }
    }
    return reason == null ? new Result(true, count, size, null, null) : new Result(false, count, size, badSeq, reason);
  }
}
