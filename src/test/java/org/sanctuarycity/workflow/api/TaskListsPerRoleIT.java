package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.security.TaskListFilters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Each role sees its own task lists in Tasklist and no other, and a list shows the tasks of its step only, never
 * one its reader may not see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskListsPerRoleIT {

  static final String MINE = "My group's tasks";
  static final List<String> ATTORNEY_LISTS = List.of(MINE, TaskListFilters.REVIEWS_DUE_TODAY,
      TaskListFilters.LEGAL_REVIEWS, TaskListFilters.ESCALATED);

  @LocalServerPort int port;
  @Autowired CityProperties city;

  @Test
  void eachRoleSeesItsOwnTaskListsAndNoOther() {
    HttpApi api = new HttpApi(port);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("desk", List.of(MINE, TaskListFilters.RESPONSES_TO_SEND, TaskListFilters.PEOPLE_TO_NOTIFY,
        TaskListFilters.CONSENT_FORMS));
    expected.put("verifier", List.of(MINE, TaskListFilters.DOCUMENTS_TO_VERIFY));
    expected.put("attorney", ATTORNEY_LISTS);
    expected.put("supervisor", ATTORNEY_LISTS);
    expected.put("officer", List.of(MINE));
    expected.put("auditor", List.of());
    expected.forEach((user, lists) -> assertThat(names(api, user)).as(user).containsExactlyInAnyOrderElementsOf(lists));
    assertThat(names(api, "admin")).containsAll(expected.get("desk")).containsAll(ATTORNEY_LISTS)
        .contains(TaskListFilters.DOCUMENTS_TO_VERIFY);
    assertThat(api.get(null, "/engine-rest/filter?resourceType=Task&maxResults=50").status()).isEqualTo(401);
  }

  @Test
  void aListShowsTheTasksOfItsStepToItsReadersOnly() {
    HttpApi api = new HttpApi(port);
    String reference = api.post("desk", "/api/requests", FederalRequestApiIT.request("Lists Subject-"
        + UUID.randomUUID().toString().substring(0, 6), "1979-01-02", true, "DETAINER"),
        Map.of("Idempotency-Key", UUID.randomUUID().toString())).json().get("reference").asText();
    JsonNode verify = api.openTask("verifier", reference);
    String verifyList = filterId(api, "admin", TaskListFilters.DOCUMENTS_TO_VERIFY);
    String sendList = filterId(api, "admin", TaskListFilters.RESPONSES_TO_SEND);
    assertThat(taskIds(api, "verifier", verifyList)).contains(verify.get("id").asText());
    assertThat(api.get("attorney", "/engine-rest/filter/" + verifyList + "/list?maxResults=200").status())
        .as("another role's list").isIn(403, 404);
    assertThat(taskIds(api, "desk", sendList)).doesNotContain(verify.get("id").asText());

    api.complete("verifier", verify.get("id").asText(),
        FederalRequestApiIT.administrativeDetainerChecks("Called the field office back."));
    JsonNode review = api.openTask("attorney", reference);
    assertThat(taskIds(api, "attorney", filterId(api, "attorney", TaskListFilters.LEGAL_REVIEWS)))
        .contains(review.get("id").asText());
    assertThat(taskIds(api, "attorney", filterId(api, "attorney", TaskListFilters.ESCALATED)))
        .as("not overdue").doesNotContain(review.get("id").asText());
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("decision", Map.of("value", "DECLINE"));
    vars.put("legalBasis", Map.of("value", "SB54_7284_6_A1B"));
    vars.put("releasedItems", Map.of("value", "[]", "type", "Json"));
    vars.put("trustCriterion", Map.of("value", "NOT_ASSESSED"));
    vars.put("pii_rationale", Map.of("value", "Detainer only."));
    assertThat(api.post("attorney", "/engine-rest/task/" + review.get("id").asText() + "/submit-form",
        Map.of("variables", vars)).status()).isEqualTo(204);
    JsonNode send = api.openTask("desk", reference);
    assertThat(taskIds(api, "desk", sendList)).contains(send.get("id").asText());
    assertThat(taskIds(api, "desk", filterId(api, "desk", TaskListFilters.PEOPLE_TO_NOTIFY)))
        .doesNotContain(send.get("id").asText());

    // "Due today" is the end of today in the city's zone (stored queries take no expressions).
    JsonNode today = api.get("admin", "/engine-rest/filter/" + filterId(api, "admin", TaskListFilters.REVIEWS_DUE_TODAY))
        .json();
    Instant dueBefore = OffsetDateTime.parse(today.path("query").path("dueBefore").asText()
        .replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
    assertThat(dueBefore).isEqualTo(LocalDate.now(city.zone()).plusDays(1).atStartOfDay(city.zone()).toInstant());
  }

  private static List<String> names(HttpApi api, String user) {
    List<String> names = new ArrayList<>();
    api.get(user, "/engine-rest/filter?resourceType=Task&maxResults=50").json()
        .forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private static String filterId(HttpApi api, String user, String name) {
    for (JsonNode f : api.get(user, "/engine-rest/filter?resourceType=Task&maxResults=50").json()) {
      if (f.get("name").asText().equals(name)) {
        return f.get("id").asText();
      }
    }
    throw new AssertionError(user + " has no list " + name);
  }

  private static List<String> taskIds(HttpApi api, String user, String filterId) {
    HttpApi.Answer answer = api.get(user, "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=500");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer.json().forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }
}
