package org.sanctuarycity.workflow.branding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The city's branding in Tasklist, Cockpit and Admin through the web apps' own customization files,
 * scripts/config.js and styles/user-styles.css. They are generated here rather than shipped as static
 * files so that the city name (app.city.name) and logo (app.city.logo-url) are configuration. They
 * replace the red "migrate to Camunda 8" banner with a neutral bar naming the city: the banner points
 * staff to a product change the city has not decided on. Public, like the web apps' other static files.
 */
@RestController
class WebappBrandingController {

  static final String APPS = "tasklist|cockpit|admin|welcome";
  static final Pattern LOGO = Pattern.compile("/[A-Za-z0-9/._-]{1,200}");
  private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
  private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

  private final CityProperties city;
  private final ObjectMapper json;

  WebappBrandingController(CityProperties city, ObjectMapper json) {
    this.city = city;
    this.json = json;
    if (city.logoUrl() != null && !city.logoUrl().isBlank() && !LOGO.matcher(city.logoUrl()).matches()) {
      throw new IllegalStateException("app.city.logo-url must be a path on this server such as /assets/city-logo.png");
    }
  }

  @GetMapping("/camunda/app/{app:" + APPS + "}/scripts/config.js")
  ResponseEntity<String> config(@PathVariable String app) throws JsonProcessingException {
    StringBuilder js = new StringBuilder("// Generated from app.city.name by the application (WebappBrandingController).\n")
        .append("export default {\n")
        .append("  app: { name: ").append(json.writeValueAsString(title(app)))
        .append(", vendor: ").append(json.writeValueAsString(city.name())).append(" },\n")
        .append("  disableWelcomeMessage: true");
    if ("tasklist".equals(app)) {
      // The city's Tasklist module (scripts/city/tasklist-city.js, a static file): date-only form fields keep the
      // typed date in every browser zone, and the reference of a request just started is shown.
      js.append(",\n  customScripts: ['scripts/city/tasklist-city']");
      // Camunda's shipped Tasklist config.js defines these shortcuts; keep them.
      js.append(",\n  shortcuts: {\n")
          .append("    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },\n")
          .append("    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },\n")
          .append("    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },\n")
          .append("    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },\n")
          .append("    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }\n")
          .append("  }");
    }
    js.append("\n};\n");
    return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache()).body(js.toString());
  }

  @GetMapping("/camunda/app/{app:" + APPS + "}/styles/user-styles.css")
  ResponseEntity<String> styles(@PathVariable String app) {
    StringBuilder css = new StringBuilder("/* Generated from app.city.name and app.city.logo-url (WebappBrandingController). */\n")
        .append(".ce-eol-banner { display: none !important; }\n")
        .append("body::before { content: \"").append(cssString(city.name() + " \u2014 federal request workflow"))
        .append("\"; display: block; padding: 4px 15px; background: #1a4480; color: #fff; font-weight: bold; }\n");
    if ("tasklist".equals(app)) {
      // Tasks are made by the flows only: a free-standing task would sit outside every step, log and deadline.
      css.append(".create-task-action { display: none !important; }\n");
    }
    if (city.logoUrl() != null && !city.logoUrl().isBlank()) {
      css.append(".navbar-brand { background-image: url(\"").append(city.logoUrl())
          .append("\"); background-repeat: no-repeat; background-size: 28px 28px; background-position: 10px center;")
          .append(" padding-left: 46px !important; }\n");
    }
    return ResponseEntity.ok().contentType(CSS).cacheControl(CacheControl.noCache()).body(css.toString());
  }

  private static String title(String app) {
    return Character.toUpperCase(app.charAt(0)) + app.substring(1);
  }

  /** Escapes everything but letters, digits and spaces as CSS hex escapes, so no value can end the string. */
  static String cssString(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c) && c < 128 || c == ' ') {
        out.appendCodePoint(c);
      } else {
        out.append('\\').append(Integer.toHexString(c)).append(' ');
      }
    });
    return out.toString();
  }
}
