package org.sanctuarycity.workflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.policy.AccessCategory;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.ReleasableItem;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.policy.ResponseMethod;
import org.sanctuarycity.workflow.policy.WarrantFinding;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;

/**
 * The words of the forms' case summary and the request page: one for every code, the same as the forms' options,
 * in city time.
 */
class CaseSummaryTest {

  final CaseSummary summary = new CaseSummary(new CityProperties("City", "Ordinance",
      ZoneId.of("America/Los_Angeles"), null));

  @Test
  void everyAgencyRequestTypeAndAccessCategoryHasTheLabelTheIntakeFormShows() throws IOException {
    Map<String, String> intakeLabels = intakeOptionLabels();
    for (Agency a : Agency.values()) {
      assertThat(summary.label("agency." + a.name())).as("agency %s", a).isEqualTo(intakeLabels.get("agency." + a.name()));
    }
    for (RequestType t : RequestType.values()) {
      assertThat(summary.label("requestType." + t.name())).as("request type %s", t)
          .isEqualTo(intakeLabels.get("requestType." + t.name()));
    }
    for (AccessCategory c : AccessCategory.values()) {
      assertThat(summary.label("accessCategory." + c.name())).as("access category %s", c).isNotBlank()
          .isNotEqualTo(c.name());
    }
  }

  /** The request page's words: each form option's label where a form offers the code, words for every other code. */
  @Test
  void everyCodeTheRequestPageShowsHasWordsAndTheFormsOptionsHaveTheFormsLabels() throws IOException {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.putAll(optionLabels("intake", Map.of("channel", "channel", "primaryPurpose", "primaryPurpose",
        "facilityKind", "facilityKind", "facilityArea", "facilityArea")));
    forms.putAll(optionLabels("verify-warrant", Map.of("warrantFinding", "warrantFinding")));
    forms.putAll(optionLabels("legal-review", Map.of("decision", "decision", "releasedItems", "releasedItem")));
    forms.putAll(optionLabels("send-response", Map.of("responseMethod", "responseMethod")));
    forms.forEach((key, label) -> assertThat(summary.label(key)).as(key).isEqualTo(label));
    Map<String, Enum<?>[]> codes = new LinkedHashMap<>();
    codes.put("channel", Channel.values());
    codes.put("primaryPurpose", PrimaryPurpose.values());
    codes.put("facilityKind", FacilityKind.values());
    codes.put("facilityArea", FacilityArea.values());
    codes.put("warrantFinding", WarrantFinding.values());
    codes.put("decision", Decision.values());
    codes.put("releasedItem", ReleasableItem.values());
    codes.put("responseMethod", ResponseMethod.values());
    codes.put("status", RequestStatus.values());
    codes.put("event", EventType.values());
    codes.forEach((kind, values) -> {
      for (Enum<?> v : values) {
        assertThat(summary.word(kind, v.name())).as("%s %s", kind, v).isNotBlank().isNotEqualTo(v.name());
      }
    });
    for (String role : java.util.stream.Stream.concat(Groups.ALL.stream(), java.util.stream.Stream.of(Groups.SYSTEM))
        .toList()) {
      assertThat(summary.word("role", role)).as("role %s", role).isNotEqualTo(role);
    }
    assertThat(summary.word("event", "RECEIVED")).isEqualTo("Received from the agency");
    assertThat(summary.word("event", "SOMETHING_NEW")).as("an unknown code is shown as it is").isEqualTo("SOMETHING_NEW");
    assertThat(summary.word("status", "AWAITING_AGENCY_REPLY")).isEqualTo("Waiting for the agency's reply");
    assertThat(summary.yesNo(true)).isEqualTo("Yes");
    assertThat(summary.date(java.time.LocalDate.of(1988, 3, 14))).isEqualTo("Mar 14, 1988");
  }

  @Test
  void timesAreShownInTheCitysZoneWithItsAbbreviation() {
    assertThat(summary.time(Instant.parse("2026-12-07T06:40:00Z"))).isEqualTo("Sun, Dec 6, 2026, 22:40 PST");
    assertThat(summary.time(Instant.parse("2026-07-01T13:05:00Z"))).isEqualTo("Wed, Jul 1, 2026, 06:05 PDT");
  }

  /** form key -> label key prefix; answers label key -> the form's label. */
  private static Map<String, String> optionLabels(String form, Map<String, String> keys) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    collect(new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile()).path("components"), keys, labels);
    assertThat(labels.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct())
        .as("options of %s", form).containsExactlyInAnyOrderElementsOf(keys.values());
    return labels;
  }

  private static void collect(JsonNode components, Map<String, String> keys, Map<String, String> labels) {
    for (JsonNode c : components) {
      String prefix = keys.get(c.path("key").asText());
      if (prefix != null) {
        c.path("values").forEach(v -> labels.put(prefix + "." + v.path("value").asText(), v.path("label").asText()));
      }
      collect(c.path("components"), keys, labels);
    }
  }

  private static Map<String, String> intakeOptionLabels() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms", "intake.form").toFile());
    Map<String, String> labels = new LinkedHashMap<>();
    for (JsonNode c : form.path("components")) {
      String key = c.path("key").asText();
      if (key.equals("agency") || key.equals("requestType")) {
        c.path("values").forEach(v -> labels.put(key + "." + v.path("value").asText(), v.path("label").asText()));
      }
    }
    assertThat(labels).as("options of the intake form").isNotEmpty();
    return labels;
  }
}
