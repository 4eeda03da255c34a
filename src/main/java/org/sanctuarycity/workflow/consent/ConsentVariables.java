package org.sanctuarycity.workflow.consent;

/**
 * The federal-request variables of the interview consent step (the README's contract). Only the answer code
 * stays in the process; the language, the time and the note are stored in interview_consent and removed in the
 * transaction that brought them.
 */
public final class ConsentVariables {

  /** Boolean set on entering Gateway_InterviewConsent: the request is an interview (access category INTERVIEW). */
  public static final String INTERVIEW_CONSENT_REQUIRED = "interviewConsentRequired";
  /** The person's answer (ConsentAnswer code), from the interview-consent form; kept for the legal-review form. */
  public static final String INTERVIEW_CONSENT = "interviewConsent";

  // Form answers of interview-consent, removed once stored.
  public static final String CONSENT_LANGUAGE = "consentLanguage";
  public static final String CONSENT_GIVEN_AT = "consentGivenAt";
  public static final String CONSENT_NOTE = "pii_consentNote";

  private ConsentVariables() {}
}
