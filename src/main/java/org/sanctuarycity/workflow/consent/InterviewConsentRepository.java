package org.sanctuarycity.workflow.consent;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InterviewConsentRepository extends JpaRepository<InterviewConsent, UUID> {
  // recorded_at is the database's clock_timestamp(): two rounds of one request never share it.
  @Query("select c from InterviewConsent c where c.requestId = :requestId order by c.recordedAt desc, c.givenAt desc")
  List<InterviewConsent> newestFirst(UUID requestId);
}
