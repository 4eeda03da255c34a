package org.sanctuarycity.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sanctuarycity.workflow.browser.HeadlessChromium;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The public complaint page in a real (headless Debian) Chromium, in English and in Spanish, reached
 * through the page's own language links and without any login: the texts and {@code <html lang>} are in
 * the chosen language, every field has a label and there is one h1, the whole form is filled with the
 * keyboard alone (Tab from the top of the page, Space on the checkbox, typing, Enter on the submit button),
 * the arithmetic check question is answered from its label after the minimum fill time, and the number
 * and status code shown then give the status on /complaints/status, while a wrong code (or a wrong number)
 * reveals nothing. A failure leaves a screenshot and the page source in target/screenshots/.
 *
 * <p>Skipped without chromium and chromium-driver, except with CI=true (see {@link HeadlessChromium}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"app.complaints.min-fill-seconds=1", "app.complaints.max-per-hour=50"})
@ActiveProfiles("test")
@ExtendWith(HeadlessChromium.Condition.class)
class ComplaintPageBrowserIT {

  /** The texts the test expects, written out here, not read from the bundles the page uses. */
  record Texts(String lang, String otherLang, String title, String submit, String descriptionLabel,
      String languageNav, String filedTitle, String statusTitle, String statusFiled, String statusUnknown,
      String otherTitle) {}

  static final Texts ENGLISH = new Texts("en", "es", "File a complaint", "File complaint", "What happened",
      "Language", "Your complaint was filed", "Complaint status", "Filed: it will be reviewed by the city attorney.",
      "No complaint matches this number and code.", "Presentar una queja");
  static final Texts SPANISH = new Texts("es", "en", "Presentar una queja", "Presentar queja", "Qué pasó",
      "Idioma", "Su queja fue presentada", "Estado de la queja", "Presentada: la revisará la Oficina del Abogado de la Ciudad.",
      "Ninguna queja coincide con este número y código.", "File a complaint");

  /** The complaint form's fields in the order a keyboard user meets them. */
  static final List<String> FIELD_ORDER = List.of("anonymous", "attorney", "name", "contact", "incidentDate",
      "location", "description", "references", "challengeAnswer");

  @LocalServerPort int port;
  @Autowired ComplaintService complaints;
  @Autowired ComplaintPageProperties pageProperties;

  private HeadlessChromium browser;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeAll
  static void browserIsInstalled() {
    HeadlessChromium.failInCiIfMissing();
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anAnonymousComplaintIsFiledInEnglish(TestInfo test) throws Throwable {
    String token = UUID.randomUUID().toString().substring(0, 8);
    run(test, () -> fileAndCheck(ENGLISH, true, null, null, null,
        "A city officer held me at the jail lobby for an immigration agent without a warrant, ref " + token));
  }

  @Test
  void aNamedComplaintIsFiledInSpanish(TestInfo test) throws Throwable {
    String token = UUID.randomUUID().toString().substring(0, 8);
    run(test, () -> fileAndCheck(SPANISH, false, "Marisol Quintero-Navegador " + token, "marisol." + token + "@example.org",
        LocalDate.now().minusDays(3), "Un agente sin identificación me pidió mis papeles en la parada, ref " + token));
  }

  interface Scenario {
    void run() throws Exception;
  }

  private void run(TestInfo test, Scenario scenario) throws Throwable {
    browser = HeadlessChromium.open();
    driver = browser.driver();
    wait = new WebDriverWait(driver, HeadlessChromium.WAIT);
    try {
      scenario.run();
    } catch (Throwable failure) {
      browser.screenshot(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
      throw failure;
    }
  }

  private void fileAndCheck(Texts t, boolean anonymous, String name, String contact, LocalDate incidentDate,
      String description) throws Exception {
    // --- Open the page in the other language, then switch through the page's own language link.
    driver.get(url("/complaints/new?lang=" + t.otherLang()));
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", t.otherLang()));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(t.otherTitle());
    driver.findElement(By.cssSelector("nav a[lang='" + t.lang() + "']")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", t.lang()));
    long served = System.currentTimeMillis();
    assertThat(driver.getCurrentUrl()).as("no login page on the way").contains("/complaints/new");

    // --- The page speaks the language.
    assertThat(driver.getTitle()).isEqualTo(t.title());
    assertThat(driver.findElements(By.tagName("h1"))).as("exactly one h1").hasSize(1);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(t.title());
    assertThat(driver.findElement(By.cssSelector("form[action='/complaints'] button[type='submit']")).getText())
        .isEqualTo(t.submit());
    assertThat(labelOf("description").getText()).isEqualTo(t.descriptionLabel());
    assertThat(driver.findElement(By.tagName("nav")).getAttribute("aria-label")).isEqualTo(t.languageNav());
    assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain(t.otherTitle());
    everyFieldIsLabelled();

    // --- The check question, answered from its label.
    String question = labelOf("challengeAnswer").getText();
    Matcher sum = Pattern.compile("(\\d+)\\D+(\\d+)").matcher(question);
    assertThat(sum.find()).as("a sum in the label: " + question).isTrue();
    String answer = String.valueOf(Integer.parseInt(sum.group(1)) + Integer.parseInt(sum.group(2)));

    // --- Keyboard only: Tab from the top of the page through every field, acting on each, to the button.
    List<String> met = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    WebElement submit = null;
    for (int i = 0; i < 60; i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      WebElement active = driver.switchTo().activeElement();
      if ("button".equals(active.getTagName()) && "submit".equals(active.getAttribute("type"))) {
        submit = active;
        break;
      }
      String id = active.getAttribute("id");
      if (id == null || id.isEmpty() || !seen.add(id)) {
        continue; // a language link, or the next part (day, year) of the date input
      }
      met.add(id);
      switch (id) {
        case "anonymous" -> {
          if (anonymous) {
            active.sendKeys(Keys.SPACE);
          }
        }
        case "name" -> typeIf(active, name);
        case "contact" -> typeIf(active, contact);
        case "incidentDate" -> {
          if (incidentDate != null) {
            // The browser runs with --lang=en-US: the date input takes month, day and year as typed digits.
            active.sendKeys(incidentDate.format(DateTimeFormatter.ofPattern("MMddyyyy")));
          }
        }
        case "location" -> typeIf(active, anonymous ? null : "6500 block of Pacific Blvd");
        case "description" -> active.sendKeys(description);
        case "challengeAnswer" -> active.sendKeys(answer);
        default -> { }
      }
    }
    assertThat(submit).as("Tab reaches the submit button").isNotNull();
    assertThat(met).as("Tab meets every field in reading order").containsExactlyElementsOf(FIELD_ORDER);
    assertThat(driver.findElement(By.id("anonymous")).isSelected()).isEqualTo(anonymous);
    assertThat(driver.findElement(By.id("challengeAnswer")).getAttribute("value")).isEqualTo(answer);
    assertThat(driver.findElement(By.id("description")).getAttribute("value")).isEqualTo(description);
    if (incidentDate != null) {
      assertThat(driver.findElement(By.id("incidentDate")).getAttribute("value")).isEqualTo(incidentDate.toString());
    }

    // --- Not before the minimum fill time (counted from when the page was served), then Enter on the button.
    long due = served + pageProperties.minFillSeconds() * 1000L + 500;
    Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
    assertThat(driver.switchTo().activeElement()).isEqualTo(submit);
    submit.sendKeys(Keys.ENTER);

    // --- The number and status code, in the language of the page.
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), t.filedTitle()));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(t.lang());
    String number = driver.findElement(By.id("number")).getText().strip();
    String code = driver.findElement(By.cssSelector("#token code")).getText().strip();
    assertThat(number).matches("CP-\\d{4}-\\d{5}");
    assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}){3}");
    // The print button appears once /assets/print.js ran (the CSP allows only same-origin scripts); next steps listed.
    assertThat(driver.findElement(By.id("print")).isDisplayed()).as("print button shown").isTrue();
    assertThat(driver.findElement(By.id("next-review")).getText()).contains(String.valueOf(pageProperties.reviewDays()));
    assertThat(driver.findElement(By.id("next-response")).getText())
        .contains(String.valueOf(pageProperties.responseDays()));

    Complaint stored = complaints.requireByReference(number);
    assertThat(stored.getLanguage()).isEqualTo(t.lang());
    assertThat(stored.getChannel()).isEqualTo("WEB");
    assertThat(stored.isAnonymous()).isEqualTo(anonymous);
    assertThat(stored.getComplainantName()).isEqualTo(name);
    assertThat(stored.getComplainantContact()).isEqualTo(contact);
    assertThat(stored.getIncidentDate()).isEqualTo(incidentDate);
    assertThat(stored.getDescription()).isEqualTo(description);
    assertThat(stored.getStatus()).isEqualTo(Complaint.Status.FILED);

    // --- The confirmation's link opens the status page in the language with the number filled in; the code typed
    //     in small letters without its dashes gives the status.
    driver.findElement(By.id("status-link")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), t.statusTitle()));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(t.lang());
    assertThat(driver.findElement(By.id("number")).getAttribute("value")).isEqualTo(number);
    assertThat(driver.findElements(By.id("status"))).as("nothing checked before the code is typed").isEmpty();
    driver.findElement(By.id("token")).sendKeys(code.toLowerCase(java.util.Locale.ROOT).replace("-", ""), Keys.ENTER);
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status"))).getText().strip())
        .isEqualTo(t.statusFiled());

    // --- The status page with the number and code shows the status, in the language.
    assertThat(checkStatus(t, number, code)).isEqualTo(t.statusFiled());

    // --- A wrong code, or a number that does not exist, says only "no complaint matches", alike.
    String wrongCode = checkStatus(t, number, (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1));
    assertThat(wrongCode).isEqualTo(t.statusUnknown());
    String page = driver.findElement(By.tagName("main")).getText();
    assertThat(page).doesNotContain(t.statusFiled(), number, description);
    if (name != null) {
      assertThat(page).doesNotContain(name, contact);
    }
    String wrongNumber = checkStatus(t, number.substring(0, 8) + (number.endsWith("99999") ? "99998" : "99999"), code);
    assertThat(wrongNumber).isEqualTo(wrongCode);
  }

  /** Opens the status page in the language, types number and code and presses Enter; returns the status shown. */
  private String checkStatus(Texts t, String number, String code) {
    driver.get(url("/complaints/status?lang=" + t.lang()));
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), t.statusTitle()));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(t.lang());
    assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
    everyFieldIsLabelled();
    driver.findElement(By.id("number")).sendKeys(number);
    new Actions(driver).sendKeys(Keys.TAB).perform();
    WebElement tokenField = driver.switchTo().activeElement();
    assertThat(tokenField.getAttribute("id")).as("Tab goes from the number to the code").isEqualTo("token");
    tokenField.sendKeys(code, Keys.ENTER);
    WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status")));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(t.lang());
    assertThat(shown.getAttribute("role")).isEqualTo("status");
    return shown.getText().strip();
  }

  /** Every visible input, textarea and select has an id and a non-empty label[for] naming it; no label points nowhere. */
  private void everyFieldIsLabelled() {
    List<WebElement> fields = driver.findElements(By.cssSelector("input:not([type='hidden']), textarea, select"));
    assertThat(fields).isNotEmpty();
    for (WebElement field : fields) {
      String id = field.getAttribute("id");
      assertThat(id).as("id of a field named " + field.getAttribute("name")).isNotBlank();
      assertThat(labelOf(id).getText()).as("label of #" + id).isNotBlank();
    }
    for (WebElement label : driver.findElements(By.cssSelector("label"))) {
      String target = label.getAttribute("for");
      assertThat(target).as("label \"" + label.getText() + "\" names its field").isNotBlank();
      assertThat(driver.findElements(By.id(target))).as("field of label for=" + target).hasSize(1);
    }
  }

  private WebElement labelOf(String id) {
    List<WebElement> labels = driver.findElements(By.cssSelector("label[for='" + id + "']"));
    assertThat(labels).as("label[for=" + id + "]").hasSize(1);
    return labels.get(0);
  }

  private static void typeIf(WebElement field, String text) {
    if (text != null) {
      field.sendKeys(text);
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
