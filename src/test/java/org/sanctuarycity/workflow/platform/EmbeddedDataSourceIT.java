package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
}
