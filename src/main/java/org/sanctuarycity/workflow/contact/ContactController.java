package org.sanctuarycity.workflow.contact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.idempotency.Idempotent;
import org.sanctuarycity.workflow.idempotency.IdempotentRequests;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Immigration-contact reports. Who may call (SecurityConfiguration): POST /api/contacts and
 * POST /api/contacts/{reference}/federal-request: police-desk, police-officers; GET /api/contacts/{reference}:
 * any staff group, personal data only for {@link #PERSONAL_DATA_READERS}.
 */
@RestController
@RequestMapping("/api/contacts")
class ContactController {

  static final String REFERENCE_PATTERN = "IC-\\d{4}-\\d{5}";
  static final List<String> PERSONAL_DATA_READERS = List.of(Groups.POLICE_DESK, Groups.POLICE_OFFICERS,
      Groups.POLICE_SUPERVISORS, Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS);

  private final ContactService contacts;
  private final TransparencyLog log;
  private final IdempotentRequests idempotent;

  ContactController(ContactService contacts, TransparencyLog log, IdempotentRequests idempotent) {
    this.contacts = contacts;
    this.log = log;
    this.idempotent = idempotent;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> submit(@RequestBody NewContact body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    return Idempotent.answer(idempotent.run("contacts", auth.getName(), idempotencyKey, null, body, () -> {
      ContactService.Submission s = contacts.submit(body, auth.getName());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("reference", s.reference());
      answer.put("id", s.id());
      answer.put("processInstanceId", s.processInstanceId());
      if (s.requestReference() != null) {
        answer.put("federalRequest", s.requestReference());
      }
      return IdempotentRequests.Answer.of(HttpStatus.CREATED.value(), answer);
    }), "/api/contacts/", "reference");
  }

  @GetMapping("/{reference}")
  @Transactional(readOnly = true)
  public ContactView get(@PathVariable String reference, Authentication auth) {
    checkReference(reference);
    ContactReport c = contacts.requireByReference(reference);
    boolean personal = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(PERSONAL_DATA_READERS::contains);
    return new ContactView(c.getReference(), c.getStatus().name(), c.getOccurredAt(), c.getReportDueAt(),
        c.isReportedLate(), c.getContactKind().name(), c.getAgencyClaimed().name(), c.getIdentification().name(),
        c.getVehiclesMarked().name(), c.getAgentsIdentified().name(), c.getFacesCovered().name(), c.isRequestMade(), c.isAnyoneDetained(), c.getDetainedCount(), c.isWarrantShown(),
        c.getWarrantKind() == null ? null : c.getWarrantKind().name(),
        c.getReviewOutcome() == null ? null : c.getReviewOutcome().name(), c.getReviewedAt(), c.getCorrections(),
        contacts.linkedRequests(c.getId()), c.getPersonalDataPurgedAt() != null, log.forReference(c.getReference()),
        personal ? new ContactView.Personal(c.getLocationBlock(), c.getIdentificationDetails(), c.getVehicleDescription(),
            c.getAgentsRequested(), c.getStaffAction(), c.getReviewNotes(), c.getReportedBy(), c.getReviewedBy()) : null);
  }

  /** One step: the request made during the contact becomes a federal request, linked both ways. */
  @PostMapping("/{reference}/federal-request")
  ResponseEntity<Map<String, Object>> convert(@PathVariable String reference, @RequestBody ContactRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    checkReference(reference);
    return Idempotent.answer(idempotent.run("contact-requests", auth.getName(), idempotencyKey, reference, body, () -> {
      String requestReference = contacts.convert(reference, body, auth.getName());
      return IdempotentRequests.Answer.of(HttpStatus.CREATED.value(),
          Map.of("contact", reference, "federalRequest", requestReference));
    }), "/api/requests/", "federalRequest");
  }

  static void checkReference(String reference) {
    if (!reference.matches(REFERENCE_PATTERN)) {
      throw InvalidInputException.of("reference", "must look like IC-2026-00001");
    }
  }
}
