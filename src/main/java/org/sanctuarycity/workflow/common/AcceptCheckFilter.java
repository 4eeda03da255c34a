package org.sanctuarycity.workflow.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A state-changing call to /api whose Accept header allows no JSON is refused before it runs: otherwise the work
 * would be done and committed, and only then could the answer not be written (406 for a request that was taken).
 * A Content-Type that is no media type, or a wildcard, is refused too (found by fuzzing: it was a 500).
 */
@Component
class AcceptCheckFilter extends OncePerRequestFilter {

  private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/") || "GET".equals(request.getMethod())
        || "HEAD".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    if (contentType != null) {
      try {
        MediaType type = MediaType.parseMediaType(contentType);
        if (type.isWildcardType() || type.isWildcardSubtype()) {
          refuse(response, 415, "Content-Type", "must be a concrete media type such as application/json");
          return;
        }
      } catch (InvalidMediaTypeException e) {
        refuse(response, 415, "Content-Type", "is not a valid media type");
        return;
      }
    }
    String accept = request.getHeader("Accept");
    List<MediaType> accepted;
    try {
      accepted = accept == null ? List.of(MediaType.ALL) : MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      refuse(response, 400, "Accept", "is not a valid media type");
      return;
    }
    if (accepted.stream().noneMatch(a -> ANSWERS.stream().anyMatch(a::isCompatibleWith))) {
      // Nothing was done; the client asked for an answer this API does not give.
      response.setStatus(406);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, int status, String field, String reason) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid header\",\"status\":" + status
        + ",\"detail\":\"" + field + ": " + reason + "\",\"errors\":[{\"field\":\"" + field + "\",\"reason\":\""
        + reason + "\"}]}");
  }
}
