package org.sanctuarycity.workflow.verification;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to verifications for other steps (the response gate, the request page). */
@Service
public class VerificationRecords {

  private final WarrantVerificationRepository repository;

  VerificationRecords(WarrantVerificationRepository repository) {
    this.repository = repository;
  }

  @Transactional(readOnly = true)
  public boolean exists(UUID requestId) {
    return repository.existsByRequestId(requestId);
  }

  @Transactional(readOnly = true)
  public List<WarrantVerification> forRequest(UUID requestId) {
    return repository.findByRequestIdOrderByVerifiedAtAsc(requestId);
  }
}
