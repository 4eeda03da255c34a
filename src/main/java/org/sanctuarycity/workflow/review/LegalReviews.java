package org.sanctuarycity.workflow.review;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sanctuarycity.workflow.policy.Decision;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to decisions for other steps. */
@Service
public class LegalReviews {

  private final LegalReviewRepository repository;

  LegalReviews(LegalReviewRepository repository) {
    this.repository = repository;
  }

  @Transactional(readOnly = true)
  public List<LegalReview> forRequest(UUID requestId) {
    return repository.findByRequestIdOrderByReviewedAtAsc(requestId);
  }

  /** The last decision that answers the request (not a request for more information). */
  @Transactional(readOnly = true)
  public Optional<LegalReview> finalDecision(UUID requestId) {
    List<LegalReview> all = forRequest(requestId);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).getDecision() != Decision.REQUEST_INFO) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }
}
