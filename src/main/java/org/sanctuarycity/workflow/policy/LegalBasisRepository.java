package org.sanctuarycity.workflow.policy;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface LegalBasisRepository extends JpaRepository<LegalBasis, String> {
  List<LegalBasis> findByActiveTrueOrderByCode();
}
