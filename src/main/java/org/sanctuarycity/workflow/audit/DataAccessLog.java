package org.sanctuarycity.workflow.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of who read which personal data. It is written in the same transaction as the read, so
 * personal data is never handed out without its access record: if the record cannot be written, the
 * read fails too.
 */
@Service
public class DataAccessLog {

  /** Where the data was shown. */
  public enum Channel { API, PAGE }

  /** One access, as auditors see it. */
  public record Entry(long id, Instant accessedAt, String userId, List<String> userGroups, UUID requestId,
      String reference, List<String> fields, String channel) {}

  /** One page of the log, newest first. */
  public record Page(List<Entry> entries, int page, int size, long total) {}

  public static final int MAX_PAGE_SIZE = 200;

  private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getLong("id"),
      rs.getTimestamp("accessed_at").toInstant(), rs.getString("user_id"), split(rs.getString("user_groups")),
      rs.getObject("request_id", UUID.class), rs.getString("reference"), split(rs.getString("fields")),
      rs.getString("channel"));

  private final JdbcTemplate jdbc;

  DataAccessLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Must run inside the transaction that reads the data. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String userId, Collection<String> groups, UUID requestId, String reference,
      List<String> fields, Channel channel) {
    if (fields.isEmpty()) {
      return;
    }
    jdbc.update("INSERT INTO data_access_log (accessed_at, user_id, user_groups, request_id, reference, fields, channel)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        Timestamp.from(Instant.now()), userId == null ? "unknown" : userId, String.join(",", groups), requestId,
        reference, String.join(",", fields), channel.name());
  }

  @Transactional(readOnly = true)
  public Page page(String reference, String userId, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (reference != null) {
      where.append(" AND reference = ?");
      args.add(reference);
    }
    if (userId != null) {
      where.append(" AND user_id = ?");
      args.add(userId);
    }
    long total = jdbc.queryForObject("SELECT count(*) FROM data_access_log" + where, Long.class, args.toArray());
    List<Object> pageArgs = new java.util.ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    List<Entry> entries = jdbc.query("SELECT * FROM data_access_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
        ROW, pageArgs.toArray());
    return new Page(entries, page, size, total);
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
