package org.sanctuarycity.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.crypto.CryptoProperties;
import org.sanctuarycity.workflow.crypto.FieldCipher;

/** Two instances stand for two nodes: the form may be served by one and posted to the other. */
class ComplaintChallengeTest {

  private static final CryptoProperties KEYS = new CryptoProperties(
      Map.of("k1", "g3DfgMMJDGE0EFqLn4YFR2VPaF4hwIqXneNZgDoDE1c="), "k1");
  private static final CryptoProperties OTHER_KEYS = new CryptoProperties(
      Map.of("k2", "wt6QJ3T/wFRVJgAihH4iHRmD9sZyiXEK9AWHliZn6QQ="), "k2");
  private static final ComplaintPageProperties PAGE = new ComplaintPageProperties(5, 7200, 5, 32768, 10, 90, List.of(), null);

  private final MovableClock clock = new MovableClock();

  @Test
  void aFormServedByOneNodeIsAcceptedByAnotherWithTheSameKeys() {
    ComplaintChallenge nodeA = new ComplaintChallenge(clock, PAGE, new FieldCipher(KEYS));
    ComplaintChallenge nodeB = new ComplaintChallenge(clock, PAGE, new FieldCipher(KEYS));
    ComplaintChallenge.Question q = nodeA.issue();
    clock.now = clock.now.plusSeconds(30);
    assertThat(nodeB.verify(q.token(), String.valueOf(q.a() + q.b()))).isTrue();
    // Used on B; B refuses it again (A, which never saw the post, would not: its record is its own).
    assertThat(nodeB.verify(q.token(), String.valueOf(q.a() + q.b()))).isFalse();
  }

  @Test
  void aNodeWithOtherKeysRefusesTheToken() {
    ComplaintChallenge.Question q = new ComplaintChallenge(clock, PAGE, new FieldCipher(KEYS)).issue();
    clock.now = clock.now.plusSeconds(30);
    assertThat(new ComplaintChallenge(clock, PAGE, new FieldCipher(OTHER_KEYS))
        .verify(q.token(), String.valueOf(q.a() + q.b()))).isFalse();
  }

  @Test
  void theTokenDoesNotCarryItsAnswerAndAWrongAnswerUsesItUp() {
    ComplaintChallenge node = new ComplaintChallenge(clock, PAGE, new FieldCipher(KEYS));
    ComplaintChallenge.Question q = node.issue();
    String decoded = new String(java.util.Base64.getUrlDecoder().decode(q.token().split("\\.")[0]),
        java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(decoded.split("\\.")).hasSize(2).doesNotContain(String.valueOf(q.a() + q.b()));
    clock.now = clock.now.plusSeconds(30);
    assertThat(node.verify(q.token(), String.valueOf(q.a() + q.b() + 1))).isFalse();
    // No second guess on the same token.
    assertThat(node.verify(q.token(), String.valueOf(q.a() + q.b()))).isFalse();
  }

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
