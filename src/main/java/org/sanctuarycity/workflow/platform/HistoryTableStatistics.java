package org.sanctuarycity.workflow.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has autovacuum re-analyze the engine's history tables (ACT_HI_*) after they grew by a larger share than
 * PostgreSQL's default of 10 %.
 *
 * <p>The benchmark's intake timeline showed why: in a burst, each history table passed the 10 % mark every 10-30 s,
 * and each ANALYZE samples 30,000 rows over every column. On two cores, one ANALYZE took one core away from the
 * requests: 97 % of the intakes slower than the p99 started in a second in which autovacuum ran, against 49 % of
 * all intakes. History rows are appended and read by indexed keys (request, task, removal time), so their
 * statistics do not need to follow every 10 %. The runtime tables (ACT_RU_*) keep the default: their plans go
 * wrong quickly when their statistics are stale (see app.embedded-postgres.autovacuum-naptime).
 *
 * <p>A table storage parameter, so it holds on any PostgreSQL and survives restarts; set at every start for the
 * tables that do not have it yet (the engine creates its tables, so not a Flyway migration). It is a tuning, not a
 * rule: a table that cannot be altered (a lock held too long, another owner) is logged and left as it is.
 */
public final class HistoryTableStatistics extends AbstractProcessEnginePlugin {

  static final String OPTION = "autovacuum_analyze_scale_factor";

  private static final Logger log = LoggerFactory.getLogger(HistoryTableStatistics.class);

  private final double analyzeScaleFactor;

  public HistoryTableStatistics(double analyzeScaleFactor) {
    // PostgreSQL's own bounds for the option.
    if (!(analyzeScaleFactor >= 0 && analyzeScaleFactor <= 100)) {
      throw new IllegalArgumentException("app.history-tables.analyze-scale-factor must be between 0 and 100, was "
          + analyzeScaleFactor);
    }
    this.analyzeScaleFactor = analyzeScaleFactor;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String setting = OPTION + "=" + format(analyzeScaleFactor);
    List<String> changed = new ArrayList<>();
    try (Connection c = configuration.getDataSource().getConnection(); Statement s = c.createStatement()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(true);
      // ALTER TABLE waits for a running autovacuum of the table; a start should not wait long for a tuning.
      s.execute("SET lock_timeout = '5s'");
      try {
        for (String table : tablesWithout(c, setting, configuration.getDatabaseTablePrefix())) {
          if (alter(s, table, setting)) {
            changed.add(table);
          }
        }
      } finally {
        s.execute("RESET lock_timeout");
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      log.warn("History tables: could not read their storage parameters ({}); left as they are", e.getMessage());
      return;
    }
    log.info("History tables: {} set on {} table(s) {}", setting, changed.size(), changed);
  }

  /** The engine's history tables in its schema whose storage parameters do not hold the setting yet. */
  private static List<String> tablesWithout(Connection c, String setting, String tablePrefix) throws SQLException {
    // A prefix like "camunda." names the engine's schema; without one the tables are on the search path.
    int dot = tablePrefix == null ? -1 : tablePrefix.lastIndexOf('.');
    String schemaTest = dot < 0 ? "n.nspname = ANY (current_schemas(false))" : "n.nspname = lower(?)";
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT format('%I.%I', n.nspname, t.relname) FROM pg_class t "
        + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind = 'r' AND t.relname LIKE 'act\\_hi\\_%' "
        + "AND " + schemaTest + " AND NOT (coalesce(t.reloptions, '{}') @> ARRAY[?::text]) ORDER BY t.relname")) {
      int i = 1;
      if (dot >= 0) {
        ps.setString(i++, tablePrefix.substring(0, dot));
      }
      ps.setString(i, setting);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  private static boolean alter(Statement s, String table, String setting) {
    try {
      s.execute("ALTER TABLE " + table + " SET (" + setting + ")");
      return true;
    } catch (SQLException e) {
      log.warn("History tables: could not set {} on {} ({}); left as it is", setting, table, e.getMessage());
      return false;
    }
  }

  /** As PostgreSQL prints the option back in reloptions: 0.5, not 0.50. */
  static String format(double value) {
    String s = String.format(Locale.ROOT, "%s", value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
