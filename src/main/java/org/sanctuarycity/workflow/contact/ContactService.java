package org.sanctuarycity.workflow.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.sanctuarycity.workflow.common.ReferenceSequence;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records immigration-contact reports and starts their review, and turns a request made during a
 * contact into a federal request (linked both ways in contact_request_link). A contact is never a way to
 * answer a request: the answer can only come out of the federal-request flow.
 */
@Service
public class ContactService {

  public static final String PROCESS_KEY = "immigration-contact";
  public static final String REFERENCE_PREFIX = "IC";
  /** Fields of the request made during a contact are named under this, as in the POST body. */
  public static final String FEDERAL_REQUEST_PREFIX = "federalRequest.";

  private final ContactValidator validator;
  private final ContactReportRepository repository;
  private final ReferenceSequence references;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final IntakeService intake;
  private final JdbcTemplate jdbc;
  private final ContactLog log;
  private final CurrentActor actor;
  private final Clock clock;
  private final Duration reportDue;
  private final Duration reviewDue;

  ContactService(ContactValidator validator, ContactReportRepository repository, ReferenceSequence references,
      RuntimeService runtimeService, IdentityService identityService, IntakeService intake, JdbcTemplate jdbc,
      ContactLog log, CurrentActor actor, Clock clock,
      @Value("${app.contacts.report-due-hours:24}") long reportDueHours,
      @Value("${app.contacts.review-due-hours:48}") long reviewDueHours) {
    this.validator = validator;
    this.repository = repository;
    this.references = references;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.intake = intake;
    this.jdbc = jdbc;
    this.log = log;
    this.actor = actor;
    this.clock = clock;
    this.reportDue = Duration.ofHours(reportDueHours);
    this.reviewDue = Duration.ofHours(reviewDueHours);
  }

  public record Submission(String reference, UUID id, String processInstanceId, String requestReference) {}

  /** The API route: store, optionally turn the request into a federal request, start the review. One transaction. */
  @Transactional
  public Submission submit(NewContact input, String user) {
    ContactReport contact = store(input, user);
    String requestReference = null;
    if (input.federalRequest() != null) {
      requestReference = convert(contact, input.federalRequest(), user);
    }
    Map<String, Object> vars = startVariables(contact);
    vars.put(ContactVariables.LINKED_REQUESTS, requestReference == null ? "" : requestReference);
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, contact.getReference(), vars);
    return new Submission(contact.getReference(), contact.getId(), instance.getProcessInstanceId(), requestReference);
  }

  /** Validates and stores a report; used by the API and the start form. */
  @Transactional
  public ContactReport store(NewContact input, String user) {
    NewContact valid = validator.validate(input);
    ContactReport contact = new ContactReport(UUID.randomUUID(), references.next(REFERENCE_PREFIX), user);
    Instant due = valid.occurredAt().toInstant().plus(reportDue);
    contact.apply(valid, due, clock.instant().isAfter(due));
    return repository.saveAndFlush(contact);
  }

  /** A correction by the reporter: fields given replace the stored ones, the rest stay. */
  @Transactional
  public ContactReport correct(UUID contactId, NewContact changes) {
    ContactReport contact = require(contactId);
    NewContact old = contact.asInput();
    NewContact merged = new NewContact(
        or(changes.occurredAt(), old.occurredAt()), or(changes.locationBlock(), old.locationBlock()),
        or(changes.contactKind(), old.contactKind()), or(changes.agencyClaimed(), old.agencyClaimed()),
        or(changes.identification(), old.identification()),
        or(changes.identificationDetails(), old.identificationDetails()),
        or(changes.vehiclesMarked(), old.vehiclesMarked()), or(changes.vehicleDescription(), old.vehicleDescription()),
        or(changes.requestMade(), old.requestMade()), or(changes.agentsRequested(), old.agentsRequested()),
        or(changes.staffAction(), old.staffAction()), or(changes.anyoneDetained(), old.anyoneDetained()),
        or(changes.detainedCount(), old.detainedCount()), or(changes.warrantShown(), old.warrantShown()),
        Boolean.FALSE.equals(changes.warrantShown()) ? null : or(changes.warrantKind(), old.warrantKind()), null,
        or(changes.agentsIdentified(), old.agentsIdentified()), or(changes.facesCovered(), old.facesCovered()));
    NewContact valid = validator.validate(merged);
    Instant due = valid.occurredAt().toInstant().plus(reportDue);
    contact.apply(valid, due, contact.isReportedLate() || contact.getCreatedAt() != null && contact.getCreatedAt().isAfter(due));
    contact.corrected();
    return contact;
  }

  /**
   * Turns the request made during a contact into a federal request, in one step: stored and started through
   * IntakeService like any other request, and linked both ways. Returns the request's reference.
   */
  @Transactional
  public String convert(String contactReference, ContactRequest request, String user) {
    ContactReport contact = requireByReference(contactReference);
    String reference = convert(contact, request, user);
    if (contact.getProcessInstanceId() != null) {
      asEngine(() -> {
        if (runtimeService.createProcessInstanceQuery().processInstanceId(contact.getProcessInstanceId()).count() > 0) {
          runtimeService.setVariable(contact.getProcessInstanceId(), ContactVariables.LINKED_REQUESTS,
              String.join(",", linkedRequests(contact.getId())));
          runtimeService.setVariable(contact.getProcessInstanceId(), ContactVariables.REQUEST_MADE, true);
        }
        return null;
      });
    }
    return reference;
  }

  String convert(ContactReport contact, ContactRequest request, String user) {
    if (request.requestType() == null) {
      throw InvalidInputException.of("federalRequest.requestType", "is required");
    }
    NewRequest.Requester requester = request.requester() != null ? request.requester()
        : new NewRequest.Requester(contact.getIdentificationDetails() != null
            ? firstLine(contact.getIdentificationDetails(), 200)
            : "Unidentified agent (contact " + contact.getReference() + ")", null, null, null);
    String summary = request.summary() != null ? request.summary()
        : contact.getAgentsRequested() != null ? contact.getAgentsRequested()
        : "Request made during contact " + contact.getReference() + ".";
    NewRequest input = new NewRequest(contact.getAgencyClaimed(), request.requestType(),
        request.channel() == null ? Channel.IN_PERSON : request.channel(),
        contact.getOccurredAt().atOffset(java.time.ZoneOffset.UTC), requester, request.subject(),
        request.documents() == null ? List.of() : request.documents(), summary, request.primaryPurpose(),
        request.facilityKind(), request.facilityArea());
    IntakeService.Submission submission;
    try {
      submission = intake.submit(input, user, null);
    } catch (InvalidInputException refused) {
      // The intake rules name the request's own fields; here they sit under federalRequest.
      throw new InvalidInputException(refused.getProblems().stream()
          .map(p -> new FieldProblem(FEDERAL_REQUEST_PREFIX + p.field(), p.reason())).toList(), refused.isTooLarge());
    }
    jdbc.update("INSERT INTO contact_request_link (contact_id, request_id, request_reference, linked_by) VALUES (?, ?, ?, ?)",
        contact.getId(), submission.id(), submission.reference(), user);
    contact.markRequestMade();
    asEngine(() -> {
      runtimeService.setVariable(submission.processInstanceId(), ContactVariables.CONTACT_REFERENCE, contact.getReference());
      return null;
    });
    log.record(contact, EventType.CONTACT_LINKED_REQUEST, actor.get(Groups.POLICE_OFFICERS), submission.id(), null);
    return submission.reference();
  }

  @Transactional(readOnly = true)
  public List<String> linkedRequests(UUID contactId) {
    return jdbc.queryForList("SELECT request_reference FROM contact_request_link WHERE contact_id = ? ORDER BY linked_at, request_reference",
        String.class, contactId);
  }

  /** The other way: the contacts a federal request came from. */
  @Transactional(readOnly = true)
  public List<String> contactsOfRequest(String requestReference) {
    return jdbc.queryForList("SELECT c.reference FROM contact_request_link l JOIN contact_report c ON c.id = l.contact_id"
        + " WHERE l.request_reference = ? ORDER BY c.reference", String.class, requestReference);
  }

  @Transactional(readOnly = true)
  public ContactReport require(UUID id) {
    return repository.findById(id).orElseThrow(() -> new NotFoundException("contact report"));
  }

  @Transactional(readOnly = true)
  public ContactReport requireByReference(String reference) {
    return repository.findByReference(reference).orElseThrow(() -> new NotFoundException("contact report"));
  }

  @Transactional(readOnly = true)
  public java.util.Optional<ContactReport> byReference(String reference) {
    return repository.findByReference(reference);
  }

  /** The variables the review starts with: ids and codes only. */
  Map<String, Object> startVariables(ContactReport c) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(ContactVariables.CONTACT_ID, c.getId().toString());
    vars.put(ContactVariables.REFERENCE, c.getReference());
    vars.putAll(codeVariables(c));
    vars.put(ContactVariables.REPORTED_BY, c.getReportedBy());
    Instant reviewDueAt = later(c.getReportDueAt(), clock.instant()).plus(reviewDue);
    vars.put(ContactVariables.REVIEW_DUE_AT, Date.from(reviewDueAt));
    return vars;
  }

  /** Codes shown on the review form; refreshed after a correction. */
  static Map<String, Object> codeVariables(ContactReport c) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(ContactVariables.CONTACT_KIND, c.getContactKind().name());
    vars.put(ContactVariables.AGENCY_CLAIMED, c.getAgencyClaimed().name());
    vars.put(ContactVariables.IDENTIFICATION, c.getIdentification().name());
    vars.put(ContactVariables.VEHICLES_MARKED, c.getVehiclesMarked().name());
    vars.put(ContactVariables.AGENTS_IDENTIFIED, c.getAgentsIdentified().name());
    vars.put(ContactVariables.FACES_COVERED, c.getFacesCovered().name());
    vars.put(ContactVariables.REQUEST_MADE, c.isRequestMade());
    vars.put(ContactVariables.ANYONE_DETAINED, c.isAnyoneDetained());
    vars.put(ContactVariables.WARRANT_SHOWN, c.isWarrantShown());
    vars.put(ContactVariables.WARRANT_KIND, c.getWarrantKind() == null ? "NONE" : c.getWarrantKind().name());
    vars.put(ContactVariables.REPORTED_LATE, c.isReportedLate());
    vars.put(ContactVariables.REPORT_DUE_AT, Date.from(c.getReportDueAt()));
    return vars;
  }

  <T> T asEngine(Supplier<T> work) {
    Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static <T> T or(T a, T b) {
    return a != null ? a : b;
  }

  private static String firstLine(String text, int max) {
    String line = text.strip().lines().findFirst().orElse(text).strip();
    return line.length() > max ? line.substring(0, max) : line;
  }
}
