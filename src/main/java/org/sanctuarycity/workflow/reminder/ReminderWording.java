package org.sanctuarycity.workflow.reminder;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * Subjects and texts of the reminder e-mails, read once from app.reminders.wording. Only the placeholders in
 * {@link #PLACEHOLDERS} exist, and none of them carries personal data; a file that names another one, or lacks a
 * key, stops startup rather than sending a mail with a hole in it.
 */
final class ReminderWording {

  static final Set<String> PLACEHOLDERS = Set.of("reference", "task", "due", "link", "city");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** A mail's subject and plain text. */
  record Mail(String subject, String body) {}

  private final Properties text;
  private final DateTimeFormatter due;
  private final String city;

  ReminderWording(Resource resource, ZoneId zone, String city) {
    this.text = load(resource);
    List<String> problems = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (String key : List.of(kind.key() + ".subject", kind.key() + ".body")) {
        String value = text.getProperty(key);
        if (value == null || value.isBlank()) {
          problems.add(key + " is missing");
          continue;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
          if (!PLACEHOLDERS.contains(m.group(1))) {
            problems.add(key + " names {" + m.group(1) + "}, which does not exist");
          }
        }
      }
    }
    String pattern = text.getProperty("due-format");
    if (pattern == null || pattern.isBlank()) {
      problems.add("due-format is missing");
      pattern = "yyyy-MM-dd HH:mm zzz";
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Reminder wording " + resource.getDescription() + ": " + String.join("; ", problems)
          + ". Placeholders: " + PLACEHOLDERS);
    }
    this.due = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(zone);
    this.city = city;
  }

  Mail compose(Kind kind, String reference, String task, Instant dueAt, String link) {
    Map<String, String> values = Map.of("reference", reference, "task", task, "due", due.format(dueAt), "link", link,
        "city", city);
    return new Mail(fill(text.getProperty(kind.key() + ".subject"), values).strip(),
        fill(text.getProperty(kind.key() + ".body"), values));
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Properties load(Resource resource) {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the reminder wording " + resource.getDescription(), e);
    }
    return p;
  }
}
