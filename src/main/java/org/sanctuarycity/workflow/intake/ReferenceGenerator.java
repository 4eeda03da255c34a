package org.sanctuarycity.workflow.intake;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out FR-&lt;year&gt;-&lt;5 digits&gt;. The counter row is locked until the intake commits, so numbers
 * are gapless when an intake rolls back. The year is the city's local year.
 */
@Component
class ReferenceGenerator {

  static final String PREFIX = "FR";
  private static final ZoneId CITY_ZONE = ZoneId.of("America/Los_Angeles");

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ReferenceGenerator(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  String next() {
    int year = clock.instant().atZone(CITY_ZONE).getYear();
    Integer n = jdbc.queryForObject("""
        INSERT INTO reference_counter (year, last_value) VALUES (?, 1)
        ON CONFLICT (year) DO UPDATE SET last_value = reference_counter.last_value + 1
        RETURNING last_value""", Integer.class, year);
    if (n == null || n > 99999) {
      throw new IllegalStateException("reference numbers for " + year + " are exhausted");
    }
    return String.format("%s-%d-%05d", PREFIX, year, n);
  }
}
