package org.sanctuarycity.workflow.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class ReminderWordingTest {

  static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  @Test
  void theShippedWordingFillsEveryPlaceholderAndShowsTheDueTimeInTheCitysZone() {
    ReminderWording wording = new ReminderWording(new ClassPathResource("reminders/reminders.properties"), LA,
        "City of Huntington Park");
    // 06:30 UTC on 7 December is 10:30 PM on the 6th in Los Angeles.
    ReminderWording.Mail mail = wording.compose(Kind.DUE_SOON, "FR-2026-00042", "Legal review",
        Instant.parse("2026-12-07T06:30:00Z"), "http://localhost:8080/camunda/app/tasklist/default/#/?task=t1");
    assertThat(mail.subject()).isEqualTo("FR-2026-00042: Legal review is due Sun 6 Dec 2026, 10:30 PM PST");
    assertThat(mail.body()).contains("?task=t1").contains("City of Huntington Park").doesNotContain("{");
    ReminderWording.Mail escalated = wording.compose(Kind.ESCALATED, "FR-2026-00042", "Legal review",
        Instant.parse("2026-12-07T06:30:00Z"), "link");
    assertThat(escalated.subject()).startsWith("Escalated: FR-2026-00042").contains("was due");
    assertThat(escalated.body()).doesNotContain("{");
  }

  @Test
  void aPlaceholderThatDoesNotExistOrAMissingKeyStopsStartup() {
    String text = """
        due-format=yyyy-MM-dd HH:mm
        due-soon.subject={reference} for {subjectName}
        due-soon.body={link}
        escalated.subject={reference}
        """;
    assertThatThrownBy(() -> new ReminderWording(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)), LA,
        "City")).hasMessageContaining("{subjectName}").hasMessageContaining("escalated.body is missing");
  }
}
