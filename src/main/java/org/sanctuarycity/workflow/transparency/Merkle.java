package org.sanctuarycity.workflow.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 / RFC 9162 (Certificate Transparency) over SHA-256: tree hashes, inclusion
 * and consistency proofs, and their verification. Pure Java on purpose: the offline verifier runs this
 * same code without Spring or a database, so the public and the city compute with identical rules.
 *
 * <p>Leaf hash = SHA-256(0x00 || leaf data); interior node = SHA-256(0x01 || left || right). The two
 * prefixes keep a leaf from ever being passed off as an interior node (second-preimage attack).
 */
public final class Merkle {

  public static final int HASH_SIZE = 32;

  private Merkle() {}

  public static byte[] leafHash(byte[] leafData) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    sha.update(leafData);
    return sha.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** The root of the empty tree: SHA-256 of the empty string (RFC 9162 2.1.1). */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** Root of the tree whose leaves have the given hashes. */
  public static byte[] root(List<byte[]> leafHashes) {
    return leafHashes.isEmpty() ? emptyRoot() : subtree(leafHashes, 0, leafHashes.size());
  }

  /** MTH(D[from:to]) for 0 <= from < to. Recursion depth is log2(n), so it is safe for any log size. */
  private static byte[] subtree(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
  }

  /**
   * Audit path for leaf {@code index} in the tree made of the first {@code size} leaves (RFC 6962 PATH),
   * ordered from the leaf's sibling up to the root's child.
   */
  public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index, int size) {
    if (size > leafHashes.size() || index < 0 || index >= size) {
      throw new IllegalArgumentException("need 0 <= index < size <= number of leaves");
    }
    List<byte[]> proof = new ArrayList<>();
    path(leafHashes, index, 0, size, proof);
    return proof;
  }

  private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(leaves, m, from, from + k, out);
      out.add(subtree(leaves, from + k, to));
    } else {
      path(leaves, m - k, from + k, to, out);
      out.add(subtree(leaves, from, from + k));
    }
  }

  /** Proof that the tree of the first {@code size1} leaves is a prefix of the tree of the first {@code size2} (RFC 6962 PROOF). */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int size1, int size2) {
    if (size1 <= 0 || size1 > size2 || size2 > leafHashes.size()) {
      throw new IllegalArgumentException("need 0 < size1 <= size2 <= number of leaves");
    }
    List<byte[]> proof = new ArrayList<>();
    if (size1 < size2) {
      subproof(leafHashes, size1, 0, size2, true, proof);
    }
    return proof;
  }

  private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(subtree(leaves, from, to));
      }
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(leaves, m, from, from + k, complete, out);
      out.add(subtree(leaves, from + k, to));
    } else {
      subproof(leaves, m - k, from + k, to, false, out);
      out.add(subtree(leaves, from, from + k));
    }
  }

  /** RFC 9162 2.1.3.2. Every hash must be 32 bytes; anything else is refused rather than guessed at. */
  public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || !isHash(leafHash) || !isHash(root) || proof == null) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0 || !isHash(p)) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * RFC 9162 2.1.4.2. A proof from the empty tree is refused: it proves nothing, and a verifier that
   * accepted one would accept any later tree.
   */
  public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    if (size1 <= 0 || size2 < size1 || root1 == null || root2 == null) {
      return false;
    }
    List<byte[]> path = proof == null ? List.of() : proof;
    if (size1 == size2) {
      return path.isEmpty() && MessageDigest.isEqual(root1, root2);
    }
    if (path.isEmpty() || !isHash(root1) || !isHash(root2)) {
      return false;
    }
    for (byte[] p : path) {
      if (!isHash(p)) {
        return false;
      }
    }
    List<byte[]> nodes = new ArrayList<>(path);
    if (Long.bitCount(size1) == 1) {
      // size1 is a power of two: its root is itself a node of the larger tree and is not sent.
      nodes.add(0, root1);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = nodes.get(0);
    byte[] sr = nodes.get(0);
    for (int i = 1; i < nodes.size(); i++) {
      byte[] c = nodes.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
  }

  /**
   * Subtree inclusion (transparency-dev/merkle, Merkle Tree Certificates draft): leaf {@code index} is in the
   * subtree of leaves [start, end) whose hash is {@code subtreeRoot}. Not used by the log itself, which only
   * needs whole-tree proofs; kept so the full published vector set is checked.
   */
  public static boolean verifySubtreeInclusion(long index, long start, long end, byte[] leafHash, List<byte[]> proof,
      byte[] subtreeRoot) {
    return isValidSubtree(start, end) && index >= start && index < end
        && verifyInclusion(index - start, end - start, leafHash, proof, subtreeRoot);
  }

  /**
   * Subtree consistency: the subtree [start, end) with hash {@code subtreeRoot} is part of the tree of
   * {@code size} leaves with root {@code root}. Same sources as {@link #verifySubtreeInclusion}.
   */
  public static boolean verifySubtreeConsistency(long start, long end, long size, List<byte[]> proof,
      byte[] subtreeRoot, byte[] root) {
    if (start >= 0 && start == end && end <= size) {
      // The empty subtree is part of every tree; its hash must be the empty tree's and nothing is needed to show it.
      return (proof == null || proof.isEmpty()) && subtreeRoot != null && MessageDigest.isEqual(subtreeRoot, emptyRoot());
    }
    if (!isValidSubtree(start, end) || size < end || subtreeRoot == null || root == null) {
      return false;
    }
    List<byte[]> path = proof == null ? List.of() : proof;
    if (start == 0 && end == size) {
      return path.isEmpty() && MessageDigest.isEqual(subtreeRoot, root);
    }
    if (path.isEmpty() || !isHash(subtreeRoot) || !isHash(root)) {
      return false;
    }
    for (byte[] p : path) {
      if (!isHash(p)) {
        return false;
      }
    }
    int height = bitLength((end - 1) ^ start);
    if (end == size) {
      // The subtree lies on the right border: one left sibling per level where its ancestor is a right child.
      if (path.size() != Long.bitCount(start >>> height)) {
        return false;
      }
      byte[] r = subtreeRoot;
      for (byte[] p : path) {
        r = nodeHash(p, r);
      }
      return MessageDigest.isEqual(r, root);
    }
    int fork = bitLength((end - 1) ^ (size - 1));
    int shift = Long.numberOfTrailingZeros(end - start);
    boolean full = (end - start) == (1L << shift);
    int first = full ? 0 : 1;
    long wanted = first + (long) (fork - shift) + Long.bitCount((end - 1) >>> fork);
    if (path.size() != wanted) {
      return false;
    }
    byte[] seed = full ? subtreeRoot : path.get(0);
    byte[] sub = seed;
    byte[] grown = seed;
    int i = first;
    // Rebuild the subtree's hash as it was at size end, and as it has grown at size "size".
    for (int level = shift; level < height; level++) {
      if (((end - 1) >>> level & 1) == 1) {
        if (i >= path.size()) {
          return false;
        }
        sub = nodeHash(path.get(i), sub);
        grown = nodeHash(path.get(i), grown);
        i++;
      } else if (level < fork) {
        if (i >= path.size()) {
          return false;
        }
        grown = nodeHash(grown, path.get(i));
        i++;
      }
    }
    if (!MessageDigest.isEqual(sub, subtreeRoot)) {
      return false;
    }
    // The rest is an inclusion proof of the grown subtree node in the tree, seen from the subtree's level.
    return verifyInclusion(start >>> height, ((size - 1) >>> height) + 1, grown, path.subList(i, path.size()), root);
  }

  /** [start, end) is a node of some tree: non-empty and aligned to the smallest power of two covering it. */
  static boolean isValidSubtree(long start, long end) {
    if (start < 0 || end <= start) {
      return false;
    }
    long width = end - start;
    long cover = Long.highestOneBit(width) == width ? width : Long.highestOneBit(width) << 1;
    return start % cover == 0;
  }

  private static int bitLength(long x) {
    return 64 - Long.numberOfLeadingZeros(x);
  }

  static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private static boolean isHash(byte[] h) {
    return h != null && h.length == HASH_SIZE;
  }

  // One digest per thread: looking up a provider for each of millions of hashes costs more than the hashing.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Merkle::newSha256);

  /** The calling thread's SHA-256 digest, reset; do not keep it across calls that may hash. */
  static MessageDigest sha256() {
    MessageDigest md = SHA256.get();
    md.reset();
    return md;
  }

  /** A SHA-256 digest of its own, for a caller that hashes millions of times in a loop and may keep it. */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Computes a root while leaves stream past, in O(log n) memory (a "compact range"): the verifier can
   * check a million-entry export without holding it.
   *
   * <p>After n leaves the pending complete subtrees have the sizes of the one bits of n, so slot {@code i}
   * (32 bytes at {@code i * 32}) holds the root of the subtree of 2^i leaves exactly when bit i of n is set.
   * Adding a leaf is then a binary increment: each carry is one interior node hash. Hashes are written in
   * place into these fixed slots: a verifier adds one leaf per export line, and an array per node would
   * cost as much as the hashing.
   */
  public static final class RootBuilder {
    private final byte[] slots;
    // 0x01 || left || right, filled in place: one update() per interior node.
    private final byte[] node = new byte[1 + 2 * HASH_SIZE];
    private final MessageDigest sha = newSha256();
    private long count;

    public RootBuilder() {
      slots = new byte[Long.SIZE * HASH_SIZE];
      node[0] = 0x01;
    }

    /** A builder in the same state as {@code other}, that then grows on its own. */
    public RootBuilder(RootBuilder other) {
      slots = other.slots.clone();
      node[0] = 0x01;
      count = other.count;
    }

    /** Adds the next leaf hash (32 bytes; copied, so the caller may reuse the array). */
    public void add(byte[] leafHash) {
      add(leafHash, 0);
    }

    /** The same with the leaf hash at {@code offset} in {@code buffer}. */
    public void add(byte[] buffer, int offset) {
      if (offset < 0 || buffer.length - offset < HASH_SIZE) {
        throw new IllegalArgumentException("a leaf hash has " + HASH_SIZE + " bytes");
      }
      int level = 0;
      System.arraycopy(buffer, offset, node, 1 + HASH_SIZE, HASH_SIZE);
      // While the slot of this level is taken, the new subtree is its right sibling: merge and carry up.
      while ((count >>> level & 1) == 1) {
        System.arraycopy(slots, level * HASH_SIZE, node, 1, HASH_SIZE);
        hashNode(node, 1 + HASH_SIZE);
        level++;
      }
      System.arraycopy(node, 1 + HASH_SIZE, slots, level * HASH_SIZE, HASH_SIZE);
      count++;
    }

    private void hashNode(byte[] in, int outOffset) {
      sha.update(in, 0, in.length);
      try {
        sha.digest(in, outOffset, HASH_SIZE);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException("SHA-256 gives 32 bytes", e);
      }
    }

    public long size() {
      return count;
    }

    /** The root of the leaves added so far; does not change the builder. */
    public byte[] root() {
      if (count == 0) {
        return emptyRoot();
      }
      // The smallest pending subtree is the rightmost; each larger one to its left becomes its left sibling.
      byte[] n = new byte[1 + 2 * HASH_SIZE];
      n[0] = 0x01;
      int level = Long.numberOfTrailingZeros(count);
      System.arraycopy(slots, level * HASH_SIZE, n, 1 + HASH_SIZE, HASH_SIZE);
      for (level++; level < Long.SIZE; level++) {
        if ((count >>> level & 1) == 1) {
          System.arraycopy(slots, level * HASH_SIZE, n, 1, HASH_SIZE);
          hashNode(n, 1 + HASH_SIZE);
        }
      }
      return Arrays.copyOfRange(n, 1 + HASH_SIZE, n.length);
    }
  }
}
