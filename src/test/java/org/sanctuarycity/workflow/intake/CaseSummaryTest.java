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
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.RequestType;

/** The words of the forms' case summary: one for every code, the same as the intake form's, in city time. */
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

  @Test
  void timesAreShownInTheCitysZoneWithItsAbbreviation() {
    assertThat(summary.time(Instant.parse("2026-12-07T06:40:00Z"))).isEqualTo("Sun, Dec 6, 2026, 22:40 PST");
    assertThat(summary.time(Instant.parse("2026-07-01T13:05:00Z"))).isEqualTo("Wed, Jul 1, 2026, 06:05 PDT");
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
