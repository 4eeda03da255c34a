package org.sanctuarycity.workflow.security;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * In the prod profile, refuses to start unless the secrets an installation must bring itself are
 * configured: the administrator password, the encryption key for personal data and the key that signs
 * the transparency log. Runs while the environment is prepared, before any bean or database
 * connection exists, so a misconfigured server stops at once with one message naming every missing
 * property. Values are never printed, only property names.
 *
 * <p>Registered in META-INF/spring.factories.
 */
public class ProductionSecretsCheck implements EnvironmentPostProcessor, Ordered {

  static final String PROD = "prod";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of(PROD))) {
      return;
    }
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Refusing to start in the prod profile; fix the configuration (see SECURITY.md):\n  - "
          + String.join("\n  - ", problems));
    }
  }

  static List<String> problems(Environment env) {
    List<String> problems = new ArrayList<>();
    if (env.acceptsProfiles(Profiles.of("demo")) || env.getProperty("app.demo.enabled", Boolean.class, false)) {
      problems.add("the demo setup (profile demo or app.demo.enabled) must not run in prod: it creates users with"
          + " a published password");
    }
    if (blank(env.getProperty("app.admin.password"))) {
      problems.add("app.admin.password is not set (password of the administrator account 'admin';"
          + " environment variable APP_ADMIN_PASSWORD)");
    }
    String active = env.getProperty("app.crypto.active-key");
    if (blank(active)) {
      problems.add("app.crypto.active-key is not set (id of the key that encrypts personal data;"
          + " environment variable APP_CRYPTO_ACTIVEKEY)");
    } else {
      String key = env.getProperty("app.crypto.keys." + active.trim());
      if (blank(key)) {
        problems.add("app.crypto.keys." + active.trim() + " is not set (base64 of 32 random bytes)");
      } else if (!isAes256(key)) {
        problems.add("app.crypto.keys." + active.trim() + " is not base64 of exactly 32 bytes");
      }
    }
    if (blank(env.getProperty("app.transparency.signing-key"))) {
      problems.add("app.transparency.signing-key is not set (key that signs the public transparency log;"
          + " environment variable APP_TRANSPARENCY_SIGNINGKEY)");
    }
    return problems;
  }

  private static boolean isAes256(String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim()).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public int getOrder() {
    // After Boot has loaded application-prod.yaml and activated the profiles.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
