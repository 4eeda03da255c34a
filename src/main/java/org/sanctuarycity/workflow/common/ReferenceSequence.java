package org.sanctuarycity.workflow.common;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out &lt;prefix&gt;-&lt;year&gt;-&lt;5 digits&gt; references (IC for contact reports, CP for complaints,
 * RP for retention runs). Like the federal-request counter, the row stays locked until the caller
 * commits, so numbers are gapless. The year is the city's local year.
 */
@Component
public class ReferenceSequence {

  private static final ZoneId CITY_ZONE = ZoneId.of("America/Los_Angeles");

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ReferenceSequence(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(String prefix) {
    if (!prefix.matches("[A-Z]{2,3}")) {
      throw new IllegalArgumentException("prefix must be 2 or 3 capital letters");
    }
    int year = clock.instant().atZone(CITY_ZONE).getYear();
    Integer n = jdbc.queryForObject("""
        INSERT INTO reference_sequence (prefix, year, last_value) VALUES (?, ?, 1)
        ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_sequence.last_value + 1
        RETURNING last_value""", Integer.class, prefix, year);
    if (n == null || n > 99999) {
      throw new IllegalStateException(prefix + " references for " + year + " are exhausted");
    }
    return String.format("%s-%d-%05d", prefix, year, n);
  }
}
