package org.sanctuarycity.workflow.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.WhitelistingDeserializationTypeValidator;

/**
 * Object variables are deserialized only into the listed classes and the listed packages, nothing else. The
 * engine's default validator always lets the whole of {@code java.lang} through (ProcessBuilder, Runtime,
 * Thread and ClassLoader included) and matches packages by bare prefix, so "org.sanctuarycity.workflow" also
 * admitted "org.sanctuarycity.workflowEvil" (issue 23, finding 6). The lists are the engine's own settings,
 * deserializationAllowedClasses and deserializationAllowedPackages in application.yaml.
 */
final class StrictDeserializationTypeValidator implements WhitelistingDeserializationTypeValidator {

  private volatile Set<String> classes = Set.of();
  private volatile Set<String> packages = Set.of();

  @Override
  public void setAllowedClasses(String names) {
    classes = split(names);
  }

  @Override
  public void setAllowedPackages(String names) {
    packages = split(names);
  }

  @Override
  public boolean validate(String className) {
    if (className == null || className.isBlank()) {
      // The engine asks with no name for values it has no type for; there is nothing to build.
      return true;
    }
    if (classes.contains(className)) {
      return true;
    }
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    for (String allowed : packages) {
      if (pkg.equals(allowed) || pkg.startsWith(allowed + ".")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> split(String names) {
    return names == null ? Set.of() : Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
