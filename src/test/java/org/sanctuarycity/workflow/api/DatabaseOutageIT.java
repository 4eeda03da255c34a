package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * PostgreSQL goes away in the middle of the day (it stops accepting connections and every open one is cut): the
 * application answers 503 with Retry-After and a problem body, writes nothing, its health endpoint says DOWN, and
 * when the database is back it recovers by itself, with no restart, and the retried request goes through once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DatabaseOutageIT {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @Test
  void whileTheDatabaseIsAwayEveryAnswerIs503AndItRecoversByItself() throws Exception {
    HttpApi api = new HttpApi(port);
    assertThat(api.get(null, "/api/health").status()).isEqualTo(200);
    // The desk signed in a moment ago (its check is remembered); the verifier's password must be checked now.
    assertThat(api.get("desk", "/api/legal-bases").status()).isEqualTo(200);
    long before = jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class);
    Map<String, Object> body = FederalRequestApiIT.request("Outage Subject-" + UUID.randomUUID().toString()
        .substring(0, 6), "1988-08-08", true, "DETAINER");
    String key = UUID.randomUUID().toString();

    String database = jdbc.queryForObject("SELECT current_database()", String.class);
    try (Connection admin = adminConnection()) {
      outage(admin, database, true);
      try {
        HttpApi.Answer refused = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", key));
        assertUnavailable(refused);
        assertUnavailable(api.get("verifier", "/api/legal-bases"));
        HttpApi.Answer health = api.get(null, "/api/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN");
      } finally {
        outage(admin, database, false);
      }
    }

    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (api.get(null, "/api/health").status() != 200) {
      assertThat(Instant.now()).as("back within a minute").isBefore(until);
      Thread.sleep(500);
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class)).as("nothing written")
        .isEqualTo(before);
    HttpApi.Answer retried = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", key));
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", key)).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class)).isEqualTo(before + 1);
  }

  private static void assertUnavailable(HttpApi.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(answer.body()).contains("nothing was changed");
  }

  /** As the database server's own superuser, from outside the application's pool. */
  private Connection adminConnection() throws SQLException {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    String url = pool.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/template1$1");
    return DriverManager.getConnection(url, pool.getUsername(), pool.getPassword());
  }

  private static void outage(Connection admin, String database, boolean away) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS " + !away);
      if (away) {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
      }
    }
  }
}
