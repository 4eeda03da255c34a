package org.sanctuarycity.workflow.retention;

import java.time.LocalDate;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * app.retention: how long personal data is kept. The application refuses to start with less than two
 * years (California Gov. Code 34090: a city may not destroy records younger than two years).
 *
 * @param personalData how long personal data is kept after a record was created (ISO-8601 period, e.g. P5Y)
 * @param alignHistoryTimeToLive set the history time to live of the city's processes to the same period at startup
 * @param cron when the purge runs (the city's night, with Camunda's history cleanup window)
 * @param enabled whether the scheduled purge runs at all
 */
@ConfigurationProperties("app.retention")
public record RetentionProperties(
    @DefaultValue("P5Y") Period personalData,
    @DefaultValue("true") boolean alignHistoryTimeToLive,
    @DefaultValue("0 30 1 * * *") String cron,
    @DefaultValue("true") boolean enabled) {

  public static final Period MINIMUM = Period.ofYears(2);

  public RetentionProperties {
    LocalDate base = LocalDate.of(2000, 1, 1);
    if (personalData == null || personalData.isNegative() || base.plus(personalData).isBefore(base.plus(MINIMUM))) {
      throw new IllegalArgumentException("app.retention.personal-data must be at least P2Y (Gov. Code 34090); got "
          + personalData);
    }
  }

  /** The period in days, for Camunda's history time to live. */
  public int days() {
    LocalDate base = LocalDate.of(2000, 1, 1);
    return (int) java.time.temporal.ChronoUnit.DAYS.between(base, base.plus(personalData));
  }
}
