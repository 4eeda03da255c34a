package org.sanctuarycity.workflow.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;

/**
 * Starts a PostgreSQL server inside the application when no datasource is configured, so that
 * `mvn spring-boot:run` needs nothing installed. A configured `spring.datasource.url` always wins.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfiguredCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  /**
   * Registered as a bean with close() as destroy method, and zonky's own shutdown hook disabled:
   * otherwise PostgreSQL stops before the process engine and shutdown hangs on broken connections.
   */
  @Bean(destroyMethod = "close")
  public EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
    Path dataDir = properties.dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(properties.cleanOnStart())
        .setRegisterShutdownHook(false)
        .setPort(properties.port())
        // zonky turns durability off by default; a city's records must survive a power cut.
        .setServerConfig("fsync", properties.durable() ? "on" : "off")
        .setServerConfig("synchronous_commit", properties.durable() ? "on" : "off")
        .setServerConfig("full_page_writes", properties.durable() ? "on" : "off")
        .setServerConfig("max_connections", "100")
        // The engine's runtime tables swing from a few rows to thousands in a burst of requests. A connection
        // keeps the plans of its statements and foreign-key checks, made on the statistics of their day, until
        // autovacuum re-analyzes the table: planned when it was nearly empty, every check then reads it whole
        // (34,000 rows per intake in the benchmark at the default round of 1 min, 4,400 at 10 s).
        .setServerConfig("autovacuum_naptime", properties.autovacuumNaptime());
    if (properties.workDir() != null) {
      Files.createDirectories(properties.workDir());
      builder.setOverrideWorkingDirectory(properties.workDir().toFile());
    }
    String password = password(dataDir);
    // zonky's own readiness check connects too, with these settings.
    builder.setConnectConfig("password", password);
    EmbeddedPostgres postgres = builder.start();
    requirePassword(postgres, dataDir, password);
    log.info("Embedded PostgreSQL started on port {} with data in {} (durable={})",
        postgres.getPort(), dataDir, properties.durable());
    return postgres;
  }

  /**
   * Bound to spring.datasource.hikari like Spring Boot's own pool for a configured datasource, so both get the same
   * settings from application.yaml (pool size, driver properties).
   */
  @Bean(destroyMethod = "close")
  @Primary
  @DependsOn("embeddedPostgres")
  @ConfigurationProperties("spring.datasource.hikari")
  public HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties)
      throws IOException {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setPassword(password(properties.dataDir().toAbsolutePath()));
    dataSource.setPoolName("embedded-pg");
    return dataSource;
  }

  /**
   * The embedded server's password, made once at random and kept beside its data directory (owner-only). zonky
   * creates the cluster with "trust" authentication, under which any password, postgres/postgres included, was
   * accepted by anyone on the machine (issue 23, finding 6).
   */
  static String password(Path dataDir) throws IOException {
    Path file = dataDir.resolveSibling(dataDir.getFileName() + ".password");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, password + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps the directory's permissions.
    }
    return password;
  }

  /** Sets the password on the superuser and makes every connection prove it (scram-sha-256), then reloads. */
  private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      // The password is base64url: nothing in it needs quoting.
      s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
      Files.writeString(dataDir.resolve("pg_hba.conf"), """
          # Written by the application at every start: every connection needs the password.
          local all all scram-sha-256
          host  all all 127.0.0.1/32 scram-sha-256
          host  all all ::1/128 scram-sha-256
          """);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("Could not require a password on the embedded PostgreSQL in " + dataDir
          + " (if " + dataDir.getFileName() + ".password beside it was removed, restore it)", e);
    }
  }
}
