package org.sanctuarycity.workflow.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.sanctuarycity.workflow.common.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter: a failure that reaches it because PostgreSQL is away (during sign-in, in the engine, anywhere a
 * controller's own handler did not answer) becomes a 503 problem with Retry-After instead of a server error. The
 * transaction that failed wrote nothing; nothing needs repair when the database is back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("Database unavailable; answered 503 ({})", e.getClass().getName());
      write(response);
    }
  }

  static void write(HttpServletResponse response) throws IOException {
    response.resetBuffer();
    response.setStatus(503);
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
        + "\"detail\":\"The database is not reachable; nothing was changed. Try again shortly.\"}");
  }
}
