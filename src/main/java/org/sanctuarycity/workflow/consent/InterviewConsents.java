package org.sanctuarycity.workflow.consent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sanctuarycity.workflow.policy.ConsentAnswer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TRUTH Act consent answers for other steps: the legal review's release rule allows an interview
 * (INTERVIEW_WITH_CONSENT) only when the latest answer is GIVEN or ONLY_WITH_ATTORNEY (Gov. Code 7283.1(a)).
 */
@Service
public class InterviewConsents {

  private final InterviewConsentRepository repository;

  InterviewConsents(InterviewConsentRepository repository) {
    this.repository = repository;
  }

  /** The latest recorded answer for the request, or empty if no consent form was recorded for it. */
  @Transactional(readOnly = true)
  public Optional<ConsentAnswer> answer(UUID requestId) {
    return latest(requestId).map(InterviewConsent::getAnswer);
  }

  /** The latest consent record of the request, note included (personal data: callers log their reads). */
  @Transactional(readOnly = true)
  public Optional<InterviewConsent> latest(UUID requestId) {
    return repository.newestFirst(requestId).stream().findFirst();
  }

  /** Every consent record of the request, the newest first. */
  @Transactional(readOnly = true)
  public List<InterviewConsent> forRequest(UUID requestId) {
    return repository.newestFirst(requestId);
  }
}
