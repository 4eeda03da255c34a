package org.sanctuarycity.workflow.review;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LegalReviewRepository extends JpaRepository<LegalReview, UUID> {
  // Written out as JPQL: Hibernate keeps the SQL of a query string, while a derived query is built as a
  // criteria query and translated again on every call (seen in the benchmark's CPU profile).
  @Query("select r from LegalReview r where r.requestId = :requestId order by r.reviewedAt asc")
  List<LegalReview> findByRequestIdOrderByReviewedAtAsc(UUID requestId);
}
