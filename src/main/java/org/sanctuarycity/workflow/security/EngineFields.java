package org.sanctuarycity.workflow.security;

import java.lang.reflect.Field;

/**
 * Reads the fields of the engine's command objects that the engine guards need and that the engine does not
 * expose (the filter a command runs, the jobs it names). One place, so a new engine version that renames one
 * fails at start-up with the field's name, rather than leaving a guard unable to check.
 */
final class EngineFields {

  private EngineFields() {}

  /** The declared field, made readable; the engine must have it. */
  static Field field(Class<?> owner, String name) {
    try {
      Field field = owner.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      // A different engine version without this field must not start unguarded.
      throw new IllegalStateException("The engine's " + owner.getSimpleName() + " has no field " + name
          + "; an engine guard cannot check it", e);
    }
  }

  static Object read(Field field, Object owner) {
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
