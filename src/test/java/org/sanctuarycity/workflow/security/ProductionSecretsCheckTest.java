package org.sanctuarycity.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuarycity.workflow.SanctuaryWorkflowApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile stops before any bean or database connection when a secret is missing, and prints no secret. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSecretsCheckTest {

  static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  static final String ADMIN_PASSWORD = "Tr0ub4dor&3-city-admin";

  private static SpringApplicationBuilder prod() {
    return new SpringApplicationBuilder(SanctuaryWorkflowApplication.class).profiles("prod")
        .web(WebApplicationType.NONE)
        // Never reached: the check runs while the environment is prepared.
        .properties("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unreachable");
  }

  @Test
  void prodWithoutSecretsRefusesToStartAndNamesEveryMissingProperty() {
    assertThatThrownBy(() -> prod().run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to start in the prod profile")
        .hasMessageContaining("app.admin.password")
        .hasMessageContaining("app.crypto.active-key")
        .hasMessageContaining("app.transparency.signing-key");
  }

  @Test
  void theMessageNamesWhatIsMissingAndPrintsNoSecret(CapturedOutput output) {
    assertThatThrownBy(() -> prod().run("--app.admin.password=" + ADMIN_PASSWORD, "--app.crypto.active-key=city2026",
        "--app.crypto.keys.city2026=" + KEY))
        .hasMessageContaining("app.transparency.signing-key")
        .hasMessageNotContaining("app.admin.password")
        .hasMessageNotContaining("app.crypto.keys")
        .hasMessageNotContaining(ADMIN_PASSWORD)
        .hasMessageNotContaining(KEY);
    assertThat(output.getAll()).doesNotContain(ADMIN_PASSWORD).doesNotContain(KEY);
  }

  @Test
  void aWeakOrMissingEncryptionKeyAndTheDemoSetupAreRefused() {
    MockEnvironment env = new MockEnvironment().withProperty("app.admin.password", ADMIN_PASSWORD)
        .withProperty("app.crypto.active-key", "city2026")
        .withProperty("app.crypto.keys.city2026", Base64.getEncoder().encodeToString(new byte[16]))
        .withProperty("app.transparency.signing-key", "signing")
        .withProperty("app.demo.enabled", "true");
    assertThat(ProductionSecretsCheck.problems(env)).hasSize(2)
        .anyMatch(p -> p.contains("demo"))
        .anyMatch(p -> p.contains("app.crypto.keys.city2026 is not base64 of exactly 32 bytes"));

    env.setProperty("app.crypto.active-key", "other");
    assertThat(ProductionSecretsCheck.problems(env)).anyMatch(p -> p.contains("app.crypto.keys.other is not set"));
  }

  @Test
  void everySecretPresentPassesTheCheck() {
    MockEnvironment env = new MockEnvironment().withProperty("app.admin.password", ADMIN_PASSWORD)
        .withProperty("app.crypto.active-key", "city2026").withProperty("app.crypto.keys.city2026", KEY)
        .withProperty("app.transparency.signing-key", "a-signing-key");
    assertThat(ProductionSecretsCheck.problems(env)).isEmpty();
  }

  @Test
  void prodNeverChangesTheEngineSchemaByItself() {
    // An upgrade is a step the city takes on purpose (docs/operations.md), not a side effect of a start.
    var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
    yaml.setResources(new org.springframework.core.io.ClassPathResource("application-prod.yaml"));
    assertThat(yaml.getObject()).containsEntry("camunda.bpm.database.schema-update", false);
    var defaults = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
    defaults.setResources(new org.springframework.core.io.ClassPathResource("application.yaml"));
    assertThat(defaults.getObject()).containsEntry("camunda.bpm.database.schema-update", true);
  }
}
