package org.sanctuarycity.workflow.consent;

import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.policy.ConsentAnswer;

/**
 * The wording of the written consent form in one language, as configured in
 * truth-act/consent-form_&lt;code&gt;.properties.
 *
 * @param language the form's language
 * @param text every key of {@link #KEYS} with its text
 */
public record ConsentForm(FormLanguage language, Map<String, String> text) {

  /** The statements Gov. Code 7283.1(a) requires (and that the person may stop), in the order printed. */
  public static final List<String> STATEMENTS = List.of("purpose", "voluntary", "decline", "attorney", "stop");
  /** The signature lines, in the order printed. */
  public static final List<String> SIGNATURES = List.of("signature.name", "signature.person", "signature.date",
      "signature.staff");
  /** Every key a wording file must have. */
  public static final List<String> KEYS = List.of("language", "title", "law", "reference", "purpose", "voluntary",
      "decline", "attorney", "stop", "choices", "choice.GIVEN", "choice.ONLY_WITH_ATTORNEY", "choice.DECLINED",
      "signature.name", "signature.person", "signature.date", "signature.staff");

  public ConsentForm {
    text = Map.copyOf(text);
  }

  public String get(String key) {
    String value = text.get(key);
    if (value == null) {
      throw new IllegalArgumentException("No consent-form text " + key);
    }
    return value;
  }

  public String choice(ConsentAnswer answer) {
    return get("choice." + answer.name());
  }
}
