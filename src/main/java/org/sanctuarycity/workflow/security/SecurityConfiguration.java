package org.sanctuarycity.workflow.security;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. One identity store (Camunda's) for every entrance:
 * <ul>
 *   <li>/camunda/** (Tasklist, Cockpit, Admin): the web apps' own session login, CSRF filter and headers;</li>
 *   <li>/engine-rest/** and /api/**: HTTP Basic against the same users, stateless; the engine's migration
 *       execution (/engine-rest/migration/execute and executeAsync, also under the web apps' /camunda/api/engine)
 *       is denied to everyone, because it can move a request past a mandatory step: administrators use
 *       POST /api/admin/migrations, which checks that first;</li>
 *   <li>GET /api/transparency/** and /transparency/**: public, no login; except GET /api/transparency/verify
 *       (camunda-admin, auditors) and POST /api/transparency/checkpoints (camunda-admin). Public among them:
 *       the published quarterly reports (/api/transparency/reports, /api/transparency/reports/{id}) and the
 *       printable annual page /transparency/annual;</li>
 *   <li>anything else: a login. Unknown /api paths are denied, so a new endpoint fails closed until listed here.</li>
 * </ul>
 */
@Configuration
public class SecurityConfiguration {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

  @Bean
  AuthenticationManager authenticationManager(CamundaIdentityAuthenticationProvider provider) {
    return new ProviderManager(provider);
  }

  /** Camunda's web apps bring their own login, CSRF prevention and security headers. */
  @Bean
  @Order(1)
  SecurityFilterChain camundaWebapps(HttpSecurity http, LoginThrottle throttle, ObjectMapper json) throws Exception {
    return http.securityMatcher(antMatcher("/camunda/**"))
        .addFilterBefore(new WebappLoginThrottleFilter(throttle, json), AuthorizationFilter.class)
        .authorizeHttpRequests(a -> a
            // The web apps carry the engine's REST API too; its migration is closed like /engine-rest's (below).
            .requestMatchers(antMatcher("/camunda/api/engine/engine/*/migration/execute/**"),
                antMatcher("/camunda/api/engine/engine/*/migration/executeAsync/**")).denyAll()
            .anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(AbstractHttpConfigurer::disable)
        .sessionManagement(AbstractHttpConfigurer::disable)
        .build();
  }

  /** The engine's REST API. The Jersey servlet is matched with an Ant matcher; a plain pattern misses it. */
  @Bean
  @Order(2)
  SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager authenticationManager,
      IdentityService identityService, ObjectMapper json) throws Exception {
    return statelessBasic(http.securityMatcher(antMatcher("/engine-rest/**")), authenticationManager, json)
        .authorizeHttpRequests(a -> a
            // Closed for everyone, administrators included: the engine moves an instance wherever the plan
            // says, so a request waiting in warrant verification could be put past its legal review.
            // POST /api/admin/migrations takes the same body and refuses a move that skips a mandatory step.
            .requestMatchers(antMatcher("/engine-rest/migration/execute/**"),
                antMatcher("/engine-rest/migration/executeAsync/**")).denyAll()
            .anyRequest().authenticated())
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager,
      IdentityService identityService, ObjectMapper json) throws Exception {
    String[] everyone = Groups.ALL.toArray(String[]::new);
    return statelessBasic(http.securityMatcher(antMatcher("/api/**")), authenticationManager, json)
        .addFilterBefore(new CamundaSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            // Listed before the public rule below: verification reads the whole log and is not for anyone.
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/transparency/verify"))
                .hasAnyAuthority(Groups.ADMINISTRATORS, Groups.AUDITORS)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/transparency/checkpoints")).hasAuthority(Groups.ADMINISTRATORS)
            // Published quarterly reports: signed, frozen, public. Drafts are never served.
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/transparency/reports"),
                antMatcher(HttpMethod.GET, "/api/transparency/reports/*")).permitAll()
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/transparency/**")).permitAll()
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/health")).permitAll()
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/requests")).hasAuthority(Groups.POLICE_DESK)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/requests/*/replies")).hasAuthority(Groups.POLICE_DESK)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/requests/*/decision-amendments"))
                .hasAnyAuthority(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/requests/*")).hasAnyAuthority(everyone)
            // The TRUTH Act consent form (no personal data): for the staff who handle requests.
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/requests/*/interview-consent-form.pdf"))
                .hasAnyAuthority(Groups.POLICE_DESK, Groups.WARRANT_VERIFIERS, Groups.CITY_ATTORNEY,
                    Groups.CITY_ATTORNEY_SUPERVISORS, Groups.ADMINISTRATORS)
            // The printable response letter and the person's notice (no personal data): for who sends them.
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/requests/*/response-letter.pdf"),
                antMatcher(HttpMethod.GET, "/api/requests/*/person-notice.pdf"))
                .hasAnyAuthority(Groups.POLICE_DESK, Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS,
                    Groups.ADMINISTRATORS)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/legal-bases")).hasAnyAuthority(everyone)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/legal-bases"))
                .hasAnyAuthority(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/contacts"))
                .hasAnyAuthority(Groups.POLICE_DESK, Groups.POLICE_OFFICERS)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/contacts/*/federal-request"))
                .hasAnyAuthority(Groups.POLICE_DESK, Groups.POLICE_OFFICERS)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/contacts/*")).hasAnyAuthority(everyone)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/complaints/*/evidence-pack"))
                .hasAnyAuthority(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS)
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/complaints/*/holds/release"))
                .hasAnyAuthority(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/admin/retention"))
                .hasAnyAuthority(Groups.ADMINISTRATORS, Groups.AUDITORS)
            // Who read which personal data: for those who check the others, never public.
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/data-access-log"))
                .hasAnyAuthority(Groups.AUDITORS, Groups.ADMINISTRATORS)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/admin/**")).hasAuthority(Groups.ADMINISTRATORS)
            // Process instance migration with the compliance check (compliance.MigrationController).
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/admin/migrations")).hasAuthority(Groups.ADMINISTRATORS)
            .anyRequest().denyAll())
        .build();
  }

  /** Application pages: the public transparency pages, and request pages for logged-in staff. */
  @Bean
  @Order(4)
  SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
    return http
        .authenticationManager(authenticationManager)
        // Browsers come with their Tasklist session; scripts may use HTTP Basic.
        .httpBasic(b -> b.authenticationEntryPoint((req, res, ex) -> res.sendRedirect("/camunda/app/tasklist/")))
        .addFilterBefore(new CamundaSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers(antMatcher("/"), antMatcher("/error"), antMatcher("/favicon.ico"),
                antMatcher("/transparency/**"), antMatcher("/assets/**")).permitAll()
            // The public complaint pages: no login; the form post needs the page's CSRF token.
            .requestMatchers(antMatcher(HttpMethod.GET, "/complaints/new"), antMatcher(HttpMethod.GET, "/complaints/status"),
                antMatcher(HttpMethod.POST, "/complaints")).permitAll()
            .requestMatchers(antMatcher(HttpMethod.GET, "/requests/*")).hasAnyAuthority(Groups.ALL.toArray(String[]::new))
            .anyRequest().authenticated())
        .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
          // Staff log in through Tasklist; the page then opens with that session.
          res.sendRedirect("/camunda/app/tasklist/");
        }))
        .headers(h -> h
            .contentSecurityPolicy(c -> c.policyDirectives(CSP))
            .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  private static HttpSecurity statelessBasic(HttpSecurity http, AuthenticationManager authenticationManager,
      ObjectMapper json) throws Exception {
    AuthenticationEntryPoint unauthorized = (req, res, ex) -> {
      if (ex instanceof LoginThrottle.Throttled throttled) {
        res.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        problem(res, json, 429, "Too Many Requests", throttled.getMessage());
        return;
      }
      res.setHeader("WWW-Authenticate", "Basic realm=\"sanctuary-workflow\"");
      problem(res, json, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "A login is required.");
    };
    AccessDeniedHandler forbidden = (req, res, ex) ->
        problem(res, json, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "Your role may not do this.");
    return http
        .authenticationManager(authenticationManager)
        .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        // Stateless HTTP Basic: no cookie is sent back automatically by a browser, so CSRF does not apply.
        .csrf(AbstractHttpConfigurer::disable)
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
  }

  static void problem(HttpServletResponse res, ObjectMapper json, int status, String title, String detail)
      throws java.io.IOException {
    res.setStatus(status);
    res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(res.getOutputStream(), Map.of("type", "about:blank", "title", title, "status", status,
        "detail", detail));
  }
}
