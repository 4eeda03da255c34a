package org.sanctuarycity.workflow.platform;

import java.util.Map;
import org.sanctuarycity.workflow.common.DatabaseOutage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/health, for a load balancer or city IT's monitoring. Who may call: anyone (it says only UP or DOWN).
 * 200 while PostgreSQL answers, 503 with Retry-After while it does not; it recovers by itself when the database is
 * back, with no restart.
 */
@RestController
class HealthController {

  private final JdbcTemplate jdbc;

  HealthController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/api/health")
  ResponseEntity<Map<String, String>> health() {
    try {
      jdbc.queryForObject("SELECT 1", Integer.class);
      return ResponseEntity.ok(Map.of("status", "UP", "database", "UP"));
    } catch (RuntimeException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
          .body(Map.of("status", "DOWN", "database", "DOWN"));
    }
  }
}
