package org.sanctuarycity.workflow.verification;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface WarrantVerificationRepository extends JpaRepository<WarrantVerification, UUID> {
  List<WarrantVerification> findByRequestIdOrderByVerifiedAtAsc(UUID requestId);
  boolean existsByRequestId(UUID requestId);
}
