package org.sanctuarycity.workflow.review;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface LegalReviewRepository extends JpaRepository<LegalReview, UUID> {
  List<LegalReview> findByRequestIdOrderByReviewedAtAsc(UUID requestId);
}
