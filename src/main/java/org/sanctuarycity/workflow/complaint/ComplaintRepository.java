package org.sanctuarycity.workflow.complaint;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ComplaintRepository extends JpaRepository<Complaint, UUID> {

  Optional<Complaint> findByReference(String reference);
}
