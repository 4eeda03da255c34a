package org.sanctuarycity.workflow.intake;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AgencyReplyRepository extends JpaRepository<AgencyReply, UUID> {
  List<AgencyReply> findByRequestIdOrderByReceivedAtAsc(UUID requestId);
}
