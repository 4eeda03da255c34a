package org.sanctuarycity.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Security finding 7 (issue 23): the libraries named in SECURITY.md's advisories table run in the versions that
 * fix them. The versions are read from the classes on the class path, not from the build file, so a Spring Boot
 * upgrade that brings an older version back fails here.
 */
class PatchedDependenciesTest {

  static int[] parts(String version) {
    return Arrays.stream(version.split("[.-]")).limit(3).filter(p -> p.matches("\\d+")).mapToInt(Integer::parseInt)
        .toArray();
  }

  static boolean atLeast(String version, String minimum) {
    int[] v = parts(version);
    int[] m = parts(minimum);
    for (int i = 0; i < m.length; i++) {
      int a = i < v.length ? v[i] : 0;
      if (a != m[i]) {
        return a > m[i];
      }
    }
    return true;
  }

  @Test
  void theComparisonItselfOrdersVersions() {
    assertThat(atLeast("2.21.8", "2.21.4")).isTrue();
    assertThat(atLeast("2.19.2", "2.21.4")).isFalse();
    assertThat(atLeast("10.1.62", "10.1.55")).isTrue();
    assertThat(atLeast("10.1.48", "10.1.55")).isFalse();
  }

  @Test
  void jacksonHasTheNumberLengthFixes() {
    // GHSA-72hv-8253-57qq and GHSA-r7wm-3cxj-wff9
    assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()).satisfies(v ->
        assertThat(atLeast(v, "2.21.4")).as(v).isTrue());
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).satisfies(v ->
        assertThat(atLeast(v, "2.21.4")).as(v).isTrue());
  }

  @Test
  void tomcatSpringSecurityTheDriverAndCommonsLangArePatched() {
    String tomcat = org.apache.catalina.util.ServerInfo.getServerNumber();
    assertThat(atLeast(tomcat, "10.1.55")).as("Tomcat " + tomcat).isTrue();
    String security = org.springframework.security.core.SpringSecurityCoreVersion.getVersion();
    assertThat(atLeast(security, "6.5.11")).as("Spring Security " + security).isTrue();
    String driver = org.postgresql.util.DriverInfo.DRIVER_VERSION;
    assertThat(atLeast(driver, "42.7.14")).as("PostgreSQL JDBC " + driver).isTrue();
    String lang = org.apache.commons.lang3.ClassUtils.class.getPackage().getImplementationVersion();
    assertThat(lang).as("commons-lang3 version in its manifest").isNotNull();
    // CVE-2025-48924
    assertThat(atLeast(lang, "3.18.0")).as("commons-lang3 " + lang).isTrue();
  }
}
