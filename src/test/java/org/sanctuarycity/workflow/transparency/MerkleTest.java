package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The RFC 6962 Merkle tree against the transparency-dev test vectors (src/test/resources/merkle, Apache-2.0):
 * every valid case accepted, every mutated proof refused, and our own proofs equal to the published ones.
 */
class MerkleTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The eight leaves of the RFC 6962 reference test tree, whose root the vectors use. */
  static final List<byte[]> LEAVES = Stream.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f").map(HexFormat.of()::parseHex).toList();

  static List<byte[]> leafHashes() {
    return LEAVES.stream().map(Merkle::leafHash).toList();
  }

  static Path vectors(String folder) throws URISyntaxException {
    return Path.of(MerkleTest.class.getResource("/merkle/" + folder).toURI());
  }

  static List<Path> cases(String folder) throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.walk(vectors(folder))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static byte[] b64(JsonNode node) {
    return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asText());
  }

  static List<byte[]> proof(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(n -> out.add(b64(n)));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyInclusionVector() throws Exception {
    List<Path> files = cases("inclusion");
    Path base = vectors("inclusion");
    assertThat(files).hasSizeGreaterThan(50);
    return files.stream().map(f -> DynamicTest.dynamicTest(base.relativize(f).toString(), () -> {
      JsonNode c = JSON.readTree(f.toFile());
      boolean ok = Merkle.verifyInclusion(c.get("leafIdx").asLong(), c.get("treeSize").asLong(), b64(c.get("leafHash")),
          proof(c.get("proof")), b64(c.get("root")));
      assertThat(ok).as(c.get("desc").asText()).isEqualTo(!c.get("wantErr").asBoolean());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyConsistencyVector() throws Exception {
    List<Path> files = cases("consistency");
    Path base = vectors("consistency");
    assertThat(files).hasSizeGreaterThan(50);
    return files.stream().map(f -> DynamicTest.dynamicTest(base.relativize(f).toString(), () -> {
      JsonNode c = JSON.readTree(f.toFile());
      boolean ok = Merkle.verifyConsistency(c.get("size1").asLong(), c.get("size2").asLong(), b64(c.get("root1")),
          b64(c.get("root2")), proof(c.get("proof")));
      assertThat(ok).as(c.get("desc").asText()).isEqualTo(!c.get("wantErr").asBoolean());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everySubtreeInclusionVector() throws Exception {
    List<Path> files = cases("subtreeinclusion");
    Path base = vectors("subtreeinclusion");
    assertThat(files).hasSizeGreaterThan(100);
    return files.stream().map(f -> DynamicTest.dynamicTest(base.relativize(f).toString(), () -> {
      JsonNode c = JSON.readTree(f.toFile());
      boolean ok = Merkle.verifySubtreeInclusion(c.get("leafIdx").asLong(), c.get("start").asLong(),
          c.get("end").asLong(), b64(c.get("leafHash")), proof(c.get("proof")), b64(c.get("root")));
      assertThat(ok).as(c.get("desc").asText()).isEqualTo(!c.get("wantErr").asBoolean());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everySubtreeConsistencyVector() throws Exception {
    List<Path> files = cases("subtreeconsistency");
    Path base = vectors("subtreeconsistency");
    assertThat(files).hasSizeGreaterThan(100);
    return files.stream().map(f -> DynamicTest.dynamicTest(base.relativize(f).toString(), () -> {
      JsonNode c = JSON.readTree(f.toFile());
      boolean ok = Merkle.verifySubtreeConsistency(c.get("start").asLong(), c.get("end").asLong(),
          c.get("size").asLong(), proof(c.get("proof")), b64(c.get("root1")), b64(c.get("root2")));
      assertThat(ok).as(c.get("desc").asText()).isEqualTo(!c.get("wantErr").asBoolean());
    }));
  }

  /** Proofs we generate equal the published happy-path proofs byte for byte. */
  @Test
  void generatedProofsEqualThePublishedOnes() throws Exception {
    List<byte[]> leaves = leafHashes();
    for (int i = 1; i <= 4; i++) {
      JsonNode inc = JSON.readTree(vectors("inclusion/" + i + "/happy-path.json").toFile());
      int size = inc.get("treeSize").asInt();
      int idx = inc.get("leafIdx").asInt();
      assertThat(leaves.get(idx)).isEqualTo(b64(inc.get("leafHash")));
      assertThat(Merkle.root(leaves.subList(0, size))).isEqualTo(b64(inc.get("root")));
      assertThat(Merkle.inclusionProof(leaves, idx, size)).containsExactlyElementsOf(proof(inc.get("proof")));

      JsonNode con = JSON.readTree(vectors("consistency/" + i + "/happy-path.json").toFile());
      int s1 = con.get("size1").asInt();
      int s2 = con.get("size2").asInt();
      assertThat(Merkle.root(leaves.subList(0, s1))).isEqualTo(b64(con.get("root1")));
      assertThat(Merkle.consistencyProof(leaves, s1, s2)).containsExactlyElementsOf(proof(con.get("proof")));
    }
  }

  /** A copied builder grows on its own, and anything but a 32-byte leaf hash is refused. */
  @Test
  void aCopiedRootBuilderGrowsOnItsOwn() {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      leaves.add(Merkle.leafHash(("leaf " + i).getBytes()));
    }
    Merkle.RootBuilder a = new Merkle.RootBuilder();
    for (int i = 0; i < 13; i++) {
      a.add(leaves.get(i));
    }
    Merkle.RootBuilder b = new Merkle.RootBuilder(a);
    byte[] other = Merkle.leafHash("other".getBytes());
    byte[] buffer = new byte[40];
    System.arraycopy(other, 0, buffer, 5, 32);
    for (int i = 13; i < 45; i++) {
      a.add(leaves.get(i));
      b.add(buffer, 5);
    }
    assertThat(a.root()).isEqualTo(Merkle.root(leaves));
    List<byte[]> mixed = new ArrayList<>(leaves.subList(0, 13));
    for (int i = 13; i < 45; i++) {
      mixed.add(other);
    }
    assertThat(b.root()).isEqualTo(Merkle.root(mixed));
    assertThat(b.size()).isEqualTo(45);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.add(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.add(buffer, 9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Every proof for every size up to 70 leaves verifies, and flipping any bit of it makes it fail. */
  @Test
  void generatedProofsVerifyAndMutationsFail() {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      leaves.add(Merkle.leafHash(("leaf " + i).getBytes()));
    }
    Merkle.RootBuilder builder = new Merkle.RootBuilder();
    for (int n = 1; n <= leaves.size(); n++) {
      builder.add(leaves.get(n - 1));
      byte[] root = Merkle.root(leaves.subList(0, n));
      assertThat(builder.root()).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        List<byte[]> p = Merkle.inclusionProof(leaves, m, n);
        assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), p, root)).isTrue();
        if (!p.isEmpty()) {
          assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), flip(p, p.size() - 1), root)).isFalse();
        }
        assertThat(Merkle.verifyInclusion(m, n, Merkle.leafHash(new byte[] {1}), p, root)).isFalse();
        int s1 = m + 1;
        List<byte[]> c = Merkle.consistencyProof(leaves, s1, n);
        byte[] root1 = Merkle.root(leaves.subList(0, s1));
        assertThat(Merkle.verifyConsistency(s1, n, root1, root, c)).isTrue();
        if (!c.isEmpty()) {
          assertThat(Merkle.verifyConsistency(s1, n, root1, root, flip(c, 0))).isFalse();
          assertThat(Merkle.verifyConsistency(s1, n, root, root1, c)).isFalse();
        }
      }
    }
    assertThat(Merkle.root(List.of())).isEqualTo(Merkle.emptyRoot());
  }

  static List<byte[]> flip(List<byte[]> proof, int i) {
    List<byte[]> copy = new ArrayList<>(proof);
    byte[] h = copy.get(i).clone();
    h[h.length / 2] ^= 0x04;
    copy.set(i, h);
    return copy;
  }
}
