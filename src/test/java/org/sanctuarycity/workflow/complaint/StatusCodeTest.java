package org.sanctuarycity.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status code's alphabet, grouping and the ways a person may type it. */
class StatusCodeTest {

  @Test
  void aCodeHasSixteenSymbolsWithoutLookAlikesShownInFourGroups() {
    SecureRandom random = new SecureRandom();
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = StatusCode.generate(random);
      assertThat(code).hasSize(16).doesNotContainAnyWhitespaces();
      code.chars().forEach(c -> seen.add((char) c));
      assertThat(StatusCode.grouped(code)).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    }
    // Every one of the 30 symbols occurs (2000 codes of 16), and none of 0, O, 1, I, L, U.
    assertThat(seen).hasSize(30);
    assertThat(seen).doesNotContain('0', 'O', '1', 'I', 'L', 'U');
    // log2(30^16) = 78.5 bits, the entropy StatusCode states.
    assertThat(16 * Math.log(30) / Math.log(2)).isBetween(78.5, 78.6);
  }

  @Test
  void aCodeIsReadInAnyCaseWithOrWithoutSeparators() {
    String canonical = "7KQMX4RT9HCW2ZPN";
    for (String typed : new String[] {"7KQM-X4RT-9HCW-2ZPN", "7kqm-x4rt-9hcw-2zpn", "7kqmx4rt9hcw2zpn",
        " 7KQM X4RT 9HCW 2ZPN ", "7KQM.X4RT.9HCW.2ZPN", "7KQM\u2013X4RT\u20139HCW\u20132ZPN"}) {
      assertThat(StatusCode.canonical(typed)).as(typed).hasValue(canonical);
    }
    assertThat(StatusCode.grouped(canonical)).isEqualTo("7KQM-X4RT-9HCW-2ZPN");
  }

  @Test
  void textThatCannotBeACodeIsNotOne() {
    for (String typed : new String[] {"7KQM-X4RT-9HCW-2ZP", "7KQM-X4RT-9HCW-2ZPNA", "0KQM-X4RT-9HCW-2ZPN",
        "OKQM-X4RT-9HCW-2ZPN", "1KQM-X4RT-9HCW-2ZPN", "IKQM-X4RT-9HCW-2ZPN", "LKQM-X4RT-9HCW-2ZPN",
        "UKQM-X4RT-9HCW-2ZPN", "Qm9uIGFwcMOpdGl0LWV0LXBhcy1sZQ_x", ""}) {
      assertThat(StatusCode.canonical(typed)).as(typed).isEmpty();
    }
    assertThat(StatusCode.canonical(null)).isEmpty();
  }
}
