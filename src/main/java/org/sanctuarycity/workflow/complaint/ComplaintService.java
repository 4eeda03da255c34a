package org.sanctuarycity.workflow.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.sanctuarycity.workflow.common.ReferenceSequence;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.contact.ContactReport;
import org.sanctuarycity.workflow.contact.ContactService;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.retention.LegalHolds;
import org.sanctuarycity.workflow.retention.RecordType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files complaints, answers status checks, links the records a complaint concerns and places legal holds
 * on them (and on the complaint itself) the moment they are linked.
 */
@Service
public class ComplaintService {

  public static final String PROCESS_KEY = "complaint";
  public static final String REFERENCE_PREFIX = "CP";
  static final String RECORD_REFERENCE = "(FR|IC)-\\d{4}-\\d{5}";
  static final int DESCRIPTION_MAX = 8000;
  static final int SHORT_MAX = 200;
  static final int REFERENCES_MAX = 10;

  private final ComplaintRepository repository;
  private final ReferenceSequence references;
  private final RuntimeService runtimeService;
  private final LegalHolds holds;
  private final FederalRequests requests;
  private final ContactService contacts;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ComplaintService(ComplaintRepository repository, ReferenceSequence references, RuntimeService runtimeService,
      LegalHolds holds, FederalRequests requests, ContactService contacts, JdbcTemplate jdbc, Clock clock) {
    this.repository = repository;
    this.references = references;
    this.runtimeService = runtimeService;
    this.holds = holds;
    this.requests = requests;
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What the complainant gets: the number and the status code in groups (shown once; only its hash is stored). */
  public record Filed(String reference, String statusToken, String processInstanceId) {}

  /** A complaint stored in the complaint table, with its status-check token (only the hash is stored). */
  record Stored(Complaint complaint, String statusToken) {}

  @Transactional
  public Filed file(NewComplaint input, String channel) {
    Stored stored = store(input, channel);
    Complaint complaint = stored.complaint();
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS_KEY, complaint.getReference(),
        startVariables(complaint));
    return new Filed(complaint.getReference(), stored.statusToken(), pi.getProcessInstanceId());
  }

  /** Validates and stores a complaint without starting its process (the Tasklist start form is already in one). */
  @Transactional
  Stored store(NewComplaint input, String channel) {
    NewComplaint valid = validate(input);
    String code = StatusCode.generate(random);
    Complaint complaint = repository.saveAndFlush(new Complaint(UUID.randomUUID(), references.next(REFERENCE_PREFIX),
        sha256(code), valid, channel));
    return new Stored(complaint, StatusCode.grouped(code));
  }

  /** The process variables of a stored complaint: ids and codes only. */
  static Map<String, Object> startVariables(Complaint complaint) {
    return Map.of(
        ComplaintVariables.COMPLAINT_ID, complaint.getId().toString(),
        ComplaintVariables.REFERENCE, complaint.getReference(),
        ComplaintVariables.ANONYMOUS, complaint.isAnonymous(),
        ComplaintVariables.CHANNEL, complaint.getChannel());
  }

  /**
   * The status, only for the right number and code together; nothing else is revealed. The number is read without
   * surrounding spaces and in either case, the code as {@link StatusCode} reads it (a code of the old format
   * exactly as it was shown).
   */
  @Transactional(readOnly = true)
  public Optional<Complaint.Status> status(String reference, String token) {
    if (reference == null || token == null || token.length() > 100) {
      return Optional.empty();
    }
    String number = reference.strip().toUpperCase(java.util.Locale.ROOT);
    if (!number.matches("CP-\\d{4}-\\d{5}")) {
      return Optional.empty();
    }
    // Both readings are compared, so no typed text is matched differently than it was issued.
    List<byte[]> typed = new ArrayList<>();
    StatusCode.canonical(token).ifPresent(code -> typed.add(sha256(code).getBytes(StandardCharsets.US_ASCII)));
    typed.add(sha256(StatusCode.legacyHashInput(token)).getBytes(StandardCharsets.US_ASCII));
    return repository.findByReference(number)
        .filter(c -> typed.stream().anyMatch(t -> MessageDigest.isEqual(
            c.getStatusTokenHash().getBytes(StandardCharsets.US_ASCII), t)))
        .map(Complaint::getStatus);
  }

  /**
   * Links records to a complaint and holds them, with the records they are linked to in turn (a request and
   * the contact it came from). Returns the references now held. Unknown references are refused.
   */
  @Transactional
  public List<String> link(UUID complaintId, List<String> refs, String user) {
    Complaint complaint = require(complaintId);
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> all = new LinkedHashSet<>();
    for (String ref : refs) {
      if (ref.startsWith("FR-") && requests.byReference(ref).isPresent()) {
        all.add(ref);
        all.addAll(contacts.contactsOfRequest(ref));
      } else if (ref.startsWith("IC-") && contacts.byReference(ref).isPresent()) {
        all.add(ref);
        ContactReport c = contacts.requireByReference(ref);
        all.addAll(contacts.linkedRequests(c.getId()));
      } else {
        problems.add(new FieldProblem("linkedReferences", "names no known request or contact report"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String reason = "Complaint " + complaint.getReference();
    for (String ref : all) {
      RecordType type;
      UUID id;
      String pid;
      if (ref.startsWith("FR-")) {
        FederalRequest r = requests.requireByReference(ref);
        type = RecordType.FEDERAL_REQUEST;
        id = r.getId();
        pid = r.getProcessInstanceId();
      } else {
        ContactReport c = contacts.requireByReference(ref);
        type = RecordType.CONTACT_REPORT;
        id = c.getId();
        pid = c.getProcessInstanceId();
      }
      jdbc.update("INSERT INTO complaint_link (complaint_id, record_type, record_id, reference, linked_by) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING", complaintId, type.name(), id, ref, user);
      holds.place(type, id, ref, pid, complaintId, reason, user);
    }
    return List.copyOf(all);
  }

  /** The complaint itself is held from the moment it is filed. */
  @Transactional
  public void holdItself(Complaint complaint, String user) {
    holds.place(RecordType.COMPLAINT, complaint.getId(), complaint.getReference(), complaint.getProcessInstanceId(),
        complaint.getId(), "Complaint " + complaint.getReference() + " (the complaint itself)", user);
  }

  /** Whether a FR-/IC- reference names an existing record. */
  @Transactional(readOnly = true)
  public boolean exists(String ref) {
    return ref.startsWith("FR-") ? requests.byReference(ref).isPresent()
        : ref.startsWith("IC-") && contacts.byReference(ref).isPresent();
  }

  @Transactional(readOnly = true)
  public List<String> linkedReferences(UUID complaintId) {
    return jdbc.queryForList("SELECT reference FROM complaint_link WHERE complaint_id = ? ORDER BY reference",
        String.class, complaintId);
  }

  @Transactional(readOnly = true)
  public Complaint require(UUID id) {
    return repository.findById(id).orElseThrow(() -> new NotFoundException("complaint"));
  }

  @Transactional(readOnly = true)
  public Complaint requireByReference(String reference) {
    return repository.findByReference(reference).orElseThrow(() -> new NotFoundException("complaint"));
  }

  NewComplaint validate(NewComplaint in) {
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    String name = in.anonymous() ? null : TextRules.check(problems, tooLong, "name", in.name(), SHORT_MAX, false, false);
    String contact = in.anonymous() ? null
        : TextRules.check(problems, tooLong, "contact", in.contact(), SHORT_MAX, false, false);
    String location = TextRules.check(problems, tooLong, "location", in.location(), SHORT_MAX, false, false);
    String description = TextRules.check(problems, tooLong, "description", in.description(), DESCRIPTION_MAX, true, true);
    if (in.incidentDate() != null && in.incidentDate().isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1))) {
      problems.add(new FieldProblem("incidentDate", "must not be in the future"));
    }
    List<String> refs = in.references() == null ? List.of() : in.references();
    if (refs.size() > REFERENCES_MAX) {
      tooLong.add(new FieldProblem("references", "has more than " + REFERENCES_MAX + " entries"));
    }
    for (String r : refs) {
      if (r == null || !r.matches(RECORD_REFERENCE)) {
        problems.add(new FieldProblem("references", "must look like FR-2026-00001 or IC-2026-00001"));
        break;
      }
    }
    InvalidInputException.refuse(problems, tooLong);
    return new NewComplaint(in.language() == null ? "en" : in.language(), in.anonymous(), in.filedByAttorney(), name,
        contact, in.incidentDate(), location, description, List.copyOf(new LinkedHashSet<>(refs)));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
