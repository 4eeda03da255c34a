package org.sanctuarycity.workflow.policy;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The legal bases that decisions may cite. Data, so the city attorney extends it without a release. */
@Service
public class LegalBasisCatalog {

  private final LegalBasisRepository repository;

  LegalBasisCatalog(LegalBasisRepository repository) {
    this.repository = repository;
  }

  @Transactional(readOnly = true)
  public List<LegalBasis> active() {
    return repository.findByActiveTrueOrderByCode();
  }

  @Transactional(readOnly = true)
  public Optional<LegalBasis> findActive(String code) {
    return code == null ? Optional.empty() : repository.findById(code).filter(LegalBasis::isActive);
  }

  @Transactional
  public LegalBasis add(String code, String label, String description, boolean warrant, boolean forbidsCooperation,
      List<String> authorizedItems, String user) {
    if (repository.existsById(code)) {
      throw new DuplicateLegalBasisException(code);
    }
    return repository.save(new LegalBasis(code, label, description, warrant, forbidsCooperation, authorizedItems, user));
  }

  /** A basis as it was when a decision cited it, active or not: the response step checks decisions already made. */
  @Transactional(readOnly = true)
  public Optional<LegalBasis> find(String code) {
    return code == null ? Optional.empty() : repository.findById(code);
  }

  /** Thrown when a code is added twice; codes are never reused with a new meaning. */
  public static class DuplicateLegalBasisException extends RuntimeException {
    public DuplicateLegalBasisException(String code) {
      super("legal basis " + code + " already exists");
    }
  }
}
