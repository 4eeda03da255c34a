package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The embedded server's pool takes the spring.datasource.hikari settings of application.yaml, as a configured one
 * does; the server itself re-analyzes growing tables at the configured pace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EmbeddedDataSourceIT {

  @Autowired DataSource dataSource;

  @Test
  void theEmbeddedPoolHasTheConfiguredSizeAndDriverSettings() {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    HikariDataSource pool = (HikariDataSource) dataSource;
    assertThat(pool.getPoolName()).isEqualTo("embedded-pg");
    assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
    assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
  }

  @Test
  void theEmbeddedServerVisitsItsTablesForAutovacuumEveryTenSeconds() {
    // PostgreSQL's default is 1min; see app.embedded-postgres.autovacuum-naptime.
    assertThat(new JdbcTemplate(dataSource).queryForObject("SHOW autovacuum_naptime", String.class)).isEqualTo("10s");
  }

  @Test
  void historyTablesAreReanalyzedAfterGrowingByHalfWhileRuntimeTablesKeepPostgresDefault() {
    // See app.history-tables.analyze-scale-factor; a table storage parameter, so it holds on any server.
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<String> history = jdbc.queryForList("SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE "
        + "'act\\_hi\\_%' AND NOT (coalesce(reloptions, '{}') @> '{autovacuum_analyze_scale_factor=0.5}')", String.class);
    assertThat(history).as("history tables without the setting").isEmpty();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 'act\\_hi\\_%'",
        Long.class)).isGreaterThan(10);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 'act\\_ru\\_%' "
        + "AND reloptions IS NOT NULL", Long.class)).isZero();
  }

  @Test
  void theEmbeddedServerRefusesAConnectionWithoutItsPassword() throws Exception {
    String url = ((HikariDataSource) dataSource).getJdbcUrl();
    for (String guess : List.of("postgres", "", "demo")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", guess)
          .close()).as("password " + guess).isInstanceOf(java.sql.SQLException.class)
          .hasMessageFindingMatch("password authentication failed|requested SCRAM-based authentication");
    }
    // The pool's own password works.
    assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
  }
}
