package org.sanctuarycity.workflow.intake;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface FederalRequestRepository extends JpaRepository<FederalRequest, UUID> {

  Optional<FederalRequest> findByReference(String reference);

  Optional<FederalRequest> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);
}
