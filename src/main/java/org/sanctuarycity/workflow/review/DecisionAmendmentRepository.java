package org.sanctuarycity.workflow.review;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DecisionAmendmentRepository extends JpaRepository<DecisionAmendment, UUID> {
  @Query("select a from DecisionAmendment a where a.requestId = :requestId and a.amendedReviewId is null")
  Optional<DecisionAmendment> findOpen(UUID requestId);
}
