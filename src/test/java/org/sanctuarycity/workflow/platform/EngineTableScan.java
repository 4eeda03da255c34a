package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** For tests that personal data stays out of the engine: a search through every ACT_ table. */
public final class EngineTableScan {

  private EngineTableScan() {}

  /** The ACT_ tables in which {@code text} occurs: any row cast to text, and every bytea column decoded as UTF-8. */
  public static List<String> actTablesContaining(JdbcTemplate jdbc, String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    List<String> hits = new ArrayList<>();
    List<Map<String, Object>> tables = jdbc.queryForList("SELECT table_schema, table_name FROM information_schema.tables"
        + " WHERE lower(table_name) LIKE 'act\\_%' AND table_type = 'BASE TABLE'");
    assertThat(tables).as("ACT_ tables").hasSizeGreaterThan(40);
    for (Map<String, Object> t : tables) {
      String table = "\"" + t.get("table_schema") + "\".\"" + t.get("table_name") + "\"";
      Integer rows = jdbc.queryForObject("SELECT count(*) FROM " + table + " r WHERE position(? in lower(r::text)) > 0",
          Integer.class, needle);
      if (rows != null && rows > 0) {
        hits.add(t.get("table_name") + " (" + rows + " rows)");
      }
      List<String> byteColumns = jdbc.queryForList("SELECT column_name FROM information_schema.columns"
          + " WHERE table_schema = ? AND table_name = ? AND data_type = 'bytea'", String.class,
          t.get("table_schema"), t.get("table_name"));
      for (String column : byteColumns) {
        List<byte[]> values = jdbc.queryForList("SELECT \"" + column + "\" FROM " + table
            + " WHERE \"" + column + "\" IS NOT NULL", byte[].class);
        long matching = values.stream()
            .filter(b -> new String(b, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(needle)).count();
        if (matching > 0) {
          hits.add(t.get("table_name") + "." + column + " (" + matching + " values)");
        }
      }
    }
    return hits;
  }
}
