package org.sanctuarycity.workflow.policy;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LegalBasisRepository extends JpaRepository<LegalBasis, String> {
  // Written out as JPQL: Hibernate keeps the SQL of a query string, while a derived query is built as a
  // criteria query and translated again on every call (seen in the benchmark's CPU profile).
  @Query("select b from LegalBasis b where b.active = true order by b.code")
  List<LegalBasis> findByActiveTrueOrderByCode();
}
