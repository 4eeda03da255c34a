package org.sanctuarycity.workflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user already logged into Tasklist open the application's own pages (the request page a
 * task form links to) without a second login. Only for reading (GET/HEAD): state-changing calls from a
 * browser session would need CSRF protection, so they must use HTTP Basic or the engine's own APIs.
 */
class CamundaSessionAuthenticationFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    HttpSession session = request.getSession(false);
    if (safe && session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null) {
        for (UserAuthentication auth : authentications.getAuthentications()) {
          if ("default".equals(auth.getProcessEngineName()) && auth.getIdentityId() != null) {
            List<SimpleGrantedAuthority> groups = auth.getGroupIds() == null ? List.of()
                : auth.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
            SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(auth.getIdentityId(), null, groups));
            break;
          }
        }
      }
    }
    chain.doFilter(request, response);
  }
}
