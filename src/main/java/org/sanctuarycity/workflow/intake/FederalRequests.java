package org.sanctuarycity.workflow.intake;

import java.util.Optional;
import java.util.UUID;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Access to stored requests for the other steps of the workflow. */
@Service
public class FederalRequests {

  private final FederalRequestRepository repository;

  FederalRequests(FederalRequestRepository repository) {
    this.repository = repository;
  }

  @Transactional(readOnly = true)
  public FederalRequest require(UUID id) {
    return repository.findById(id).orElseThrow(() -> new NotFoundException("request"));
  }

  @Transactional(readOnly = true)
  public Optional<FederalRequest> byReference(String reference) {
    return repository.findByReference(reference);
  }

  public FederalRequest requireByReference(String reference) {
    return byReference(reference).orElseThrow(() -> new NotFoundException("request " + reference));
  }
}
