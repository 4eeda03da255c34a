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
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  });

  /** The calling thread's SHA-256 digest, reset; do not keep it across calls that may hash. */
  static MessageDigest sha256() {
    MessageDigest md = SHA256.get();
    md.reset();
    return md;
  }

  /**
   * Computes a root while leaves stream past, in O(log n) memory (a "compact range"): the verifier can
   * check a million-entry export without holding it.
   */
  public static final class RootBuilder {
    // stack[i] is the root of a complete subtree; sizes strictly decrease from bottom to top.
    private final List<byte[]> stack = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long count;

    public RootBuilder() {}

    /** A builder in the same state as {@code other}, that then grows on its own. */
    public RootBuilder(RootBuilder other) {
      stack.addAll(other.stack);
      sizes.addAll(other.sizes);
      count = other.count;
    }

    public void add(byte[] leafHash) {
      byte[] h = leafHash;
      long s = 1;
      while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == s) {
        h = nodeHash(stack.remove(stack.size() - 1), h);
        sizes.remove(sizes.size() - 1);
        s *= 2;
      }
      stack.add(h);
      sizes.add(s);
      count++;
    }

    public long size() {
      return count;
    }

    /** The root of the leaves added so far; does not change the builder. */
    public byte[] root() {
      if (stack.isEmpty()) {
        return emptyRoot();
      }
      byte[] r = stack.get(stack.size() - 1);
      for (int i = stack.size() - 2; i >= 0; i--) {
        r = nodeHash(stack.get(i), r);
      }
      return Arrays.copyOf(r, r.length);
    }
  }
}
