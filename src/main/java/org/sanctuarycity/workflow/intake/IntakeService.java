package org.sanctuarycity.workflow.intake;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.sanctuarycity.workflow.common.ReferenceSequence;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records incoming requests and starts their workflow, in one transaction. */
@Service
public class IntakeService {

  public static final String PROCESS_KEY = "federal-request";
  /** References of federal requests: FR-&lt;year&gt;-&lt;5 digits&gt;, also the business key. */
  public static final String REFERENCE_PREFIX = "FR";

  private final IntakeValidator validator;
  private final ReferenceSequence references;
  private final FederalRequestRepository repository;
  private final RuntimeService runtimeService;

  IntakeService(IntakeValidator validator, ReferenceSequence references, FederalRequestRepository repository,
      RuntimeService runtimeService) {
    this.validator = validator;
    this.references = references;
    this.repository = repository;
    this.runtimeService = runtimeService;
  }

  /** What a submission returns. */
  public record Submission(String reference, UUID id, String processInstanceId) {}

  /**
   * The API route: store, then start the process with the reference as business key. The Idempotency-Key is only
   * recorded here; retries are answered before this runs (IdempotentRequests in the controller).
   */
  @Transactional
  public Submission submit(NewRequest input, String user, String idempotencyKey) {
    FederalRequest request = store(input, user, idempotencyKey);
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, request.getReference(),
        startVariables(request));
    return new Submission(request.getReference(), request.getId(), instance.getProcessInstanceId());
  }

  /** Validates and stores a request; used by both routes inside their transaction. */
  @Transactional
  public FederalRequest store(NewRequest input, String user, String idempotencyKey) {
    NewRequest valid = validator.validate(input);
    FederalRequest request = new FederalRequest(UUID.randomUUID(), references.next(REFERENCE_PREFIX), user);
    request.setAgency(valid.agency());
    request.setRequestType(valid.requestType());
    request.setChannel(valid.channel());
    request.setReceivedAt(valid.receivedAt().toInstant());
    request.setPurposeAndFacility(valid.primaryPurpose(), valid.facilityKind(), valid.facilityArea());
    NewRequest.Requester r = valid.requester();
    request.setRequester(r.name(), r.badgeNumber(), r.phone(), r.email());
    NewRequest.Subject s = valid.subject();
    if (s != null) {
      request.setSubject(s.fullName(), s.dateOfBirth() == null ? null : s.dateOfBirth().toString(), s.bookingNumber(),
          Boolean.TRUE.equals(s.inCustody()), s.scheduledRelease() == null ? null : s.scheduledRelease().toInstant());
    }
    request.setSummary(valid.summary());
    for (NewRequest.Document d : valid.documents()) {
      request.addDocument(new RequestDocument(d.formNumber(), d.issuedBy(), d.signedBy(), d.signerTitle(), d.issuedOn()));
    }
    request.setIdempotencyKey(idempotencyKey);
    return repository.saveAndFlush(request);
  }

  /**
   * The variables a process starts with: the request's id and reference. Everything else about it is in
   * federal_request, where each step reads it; the process carries only what it routes on.
   */
  public static Map<String, Object> startVariables(FederalRequest request) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(ProcessVariables.REQUEST_ID, request.getId().toString());
    vars.put(ProcessVariables.REFERENCE, request.getReference());
    return vars;
  }
}
