package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, for every role and for no login. The list of endpoints is compared with the
 * application's own mappings, so a new endpoint without an entry here fails the build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessControlMatrixIT {

  static final List<String> USERS = List.of("desk", "verifier", "attorney", "supervisor", "auditor", "admin",
      "officer");
  static final Set<String> STAFF = Set.copyOf(USERS);

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  /** method + path pattern -> users allowed (null user = no login). */
  record Rule(String method, String pattern, String path, Object body, Set<String> allowed, boolean anonymous) {}

  static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule("POST", "/api/requests", "/api/requests", Map.of(), Set.of("desk", "admin"), false));
    rules.add(new Rule("GET", "/api/requests/{reference}", "/api/requests/FR-2026-99999", null, STAFF, false));
    // The TRUTH Act consent form: for the staff who handle requests (no personal data on it).
    rules.add(new Rule("GET", "/api/requests/{reference}/interview-consent-form.pdf",
        "/api/requests/FR-2026-99999/interview-consent-form.pdf?lang=ES", null,
        Set.of("desk", "verifier", "attorney", "supervisor", "admin"), false));
    rules.add(new Rule("POST", "/api/requests/{reference}/replies", "/api/requests/FR-2026-99999/replies", Map.of(),
        Set.of("desk", "admin"), false));
    rules.add(new Rule("POST", "/api/requests/{reference}/decision-amendments",
        "/api/requests/FR-2026-99999/decision-amendments", Map.of(), Set.of("attorney", "supervisor", "admin"), false));
    rules.add(new Rule("GET", "/api/requests/{reference}/response-letter.pdf",
        "/api/requests/FR-2026-99999/response-letter.pdf", null, Set.of("desk", "attorney", "supervisor", "admin"), false));
    rules.add(new Rule("GET", "/api/requests/{reference}/person-notice.pdf",
        "/api/requests/FR-2026-99999/person-notice.pdf?lang=ES", null, Set.of("desk", "attorney", "supervisor", "admin"),
        false));
    rules.add(new Rule("GET", "/api/legal-bases", "/api/legal-bases", null, STAFF, false));
    rules.add(new Rule("POST", "/api/legal-bases", "/api/legal-bases", Map.of(), Set.of("attorney", "supervisor", "admin"),
        false));
    rules.add(new Rule("GET", "/api/transparency/entries", "/api/transparency/entries", null, STAFF, true));
    rules.add(new Rule("GET", "/api/health", "/api/health", null, STAFF, true));
    Set<String> everyone = STAFF;
    rules.add(new Rule("GET", "/api/transparency/checkpoints", "/api/transparency/checkpoints", null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/checkpoints/latest", "/api/transparency/checkpoints/latest", null,
        everyone, true));
    rules.add(new Rule("POST", "/api/transparency/checkpoints", "/api/transparency/checkpoints", null, Set.of("admin"),
        false));
    rules.add(new Rule("GET", "/api/transparency/proofs/inclusion", "/api/transparency/proofs/inclusion?seq=1&size=1",
        null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/proofs/consistency",
        "/api/transparency/proofs/consistency?from=1&to=1", null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/export", "/api/transparency/export", null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/public-key", "/api/transparency/public-key", null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/verify", "/api/transparency/verify", null, Set.of("auditor", "admin"),
        false));
    rules.add(new Rule("GET", "/transparency", "/transparency", null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/reports", "/api/transparency/reports", null, everyone, true));
    rules.add(new Rule("GET", "/api/transparency/reports/{id}", "/api/transparency/reports/99999", null, everyone,
        true));
    rules.add(new Rule("GET", "/transparency/annual", "/transparency/annual?year=2026", null, everyone, true));
    rules.add(new Rule("GET", "/transparency/report.csv", "/transparency/report.csv", null, everyone, true));
    rules.add(new Rule("GET", "/transparency/report.json", "/transparency/report.json", null, everyone, true));
    rules.add(new Rule("GET", "/api/data-access-log", "/api/data-access-log", null, Set.of("auditor", "admin"), false));
    // The web apps' branding files (config.js, user-styles.css) load before the login page, like Camunda's own.
    for (String file : List.of("scripts/config.js", "styles/user-styles.css")) {
      rules.add(new Rule("GET", "/camunda/app/{app:tasklist|cockpit|admin|welcome}/" + file,
          "/camunda/app/tasklist/" + file, null, STAFF, true));
    }
    rules.add(new Rule("GET", "/api/admin/processes", "/api/admin/processes", null, Set.of("admin"), false));
    rules.add(new Rule("POST", "/api/admin/migrations", "/api/admin/migrations", Map.of(), Set.of("admin"), false));
    rules.add(new Rule("GET", "/requests/{reference}", "/requests/FR-2026-99999", null, STAFF, false));
    rules.add(new Rule("POST", "/api/contacts", "/api/contacts", Map.of(), Set.of("desk", "officer", "admin"), false));
    rules.add(new Rule("GET", "/api/contacts/{reference}", "/api/contacts/IC-2026-99999", null, STAFF, false));
    rules.add(new Rule("POST", "/api/contacts/{reference}/federal-request", "/api/contacts/IC-2026-99999/federal-request",
        Map.of(), Set.of("desk", "officer", "admin"), false));
    rules.add(new Rule("GET", "/api/complaints/{reference}/evidence-pack", "/api/complaints/CP-2026-99999/evidence-pack",
        null, Set.of("attorney", "supervisor", "admin"), false));
    rules.add(new Rule("POST", "/api/complaints/{reference}/holds/release", "/api/complaints/CP-2026-99999/holds/release",
        Map.of(), Set.of("attorney", "supervisor", "admin"), false));
    rules.add(new Rule("GET", "/complaints/new", "/complaints/new", null, STAFF, true));
    rules.add(new Rule("GET", "/complaints/status", "/complaints/status", null, STAFF, true));
    // Public, but only with the CSRF token of the form page: a post without it is refused for everyone.
    rules.add(new Rule("POST", "/complaints", "/complaints", Map.of(), Set.of(), false));
    rules.add(new Rule("GET", "/api/admin/retention", "/api/admin/retention", null, Set.of("auditor", "admin"), false));
    return rules;
  }

  @Test
  void everyEndpointAnswersEachRoleAsSpecified() {
    HttpApi api = new HttpApi(port);
    List<String> wrong = new ArrayList<>();
    for (Rule rule : rules()) {
      List<String> callers = new ArrayList<>(USERS);
      callers.add(null);
      for (String user : callers) {
        HttpApi.Answer a = "GET".equals(rule.method()) ? api.get(user, rule.path())
            : api.post(user, rule.path(), rule.body());
        boolean expected = user == null ? rule.anonymous() : rule.allowed().contains(user);
        boolean denied = a.status() == 401 || a.status() == 403 || a.status() == 302;
        if (expected == denied) {
          wrong.add(rule.method() + " " + rule.path() + " as " + (user == null ? "anonymous" : user) + " -> " + a.status());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theEngineRestApiNeedsALoginAndOnlyAdministratorsDeploy() {
    HttpApi api = new HttpApi(port);
    assertThat(api.get(null, "/engine-rest/task?maxResults=1").status()).isEqualTo(401);
    assertThat(api.get(null, "/engine-rest/deployment?maxResults=1").status()).isEqualTo(401);
    assertThat(api.get("attorney", "/engine-rest/deployment?maxResults=50").json()).isEmpty();
    assertThat(api.get("admin", "/engine-rest/deployment?maxResults=50").json()).isNotEmpty();
    assertThat(api.get(null, "/api/unknown").status()).isEqualTo(401);
    assertThat(api.get("admin", "/api/unknown").status()).isEqualTo(403);
    // Migration only through POST /api/admin/migrations, which refuses to skip a mandatory step.
    for (String user : USERS) {
      assertThat(api.post(user, "/engine-rest/migration/execute", Map.of()).status()).as(user).isEqualTo(403);
      assertThat(api.post(user, "/engine-rest/migration/executeAsync", Map.of()).status()).as(user).isEqualTo(403);
    }
    assertThat(api.post(null, "/engine-rest/migration/execute", Map.of()).status()).isIn(401, 403);
  }

  @Test
  void everyMappedEndpointHasAnEntryInTheMatrix() {
    Set<String> mapped = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      if (info.getPathPatternsCondition() == null) {
        return;
      }
      for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
        if (pattern.startsWith("/error")) {
          continue;
        }
        for (var m : info.getMethodsCondition().getMethods()) {
          mapped.add(m.name() + " " + pattern);
        }
      }
    });
    Set<String> listed = new TreeSet<>();
    rules().forEach(r -> listed.add(r.method() + " " + r.pattern()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(mapped);
  }
}
