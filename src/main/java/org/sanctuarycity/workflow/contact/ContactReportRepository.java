package org.sanctuarycity.workflow.contact;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ContactReportRepository extends JpaRepository<ContactReport, UUID> {

  Optional<ContactReport> findByReference(String reference);
}
