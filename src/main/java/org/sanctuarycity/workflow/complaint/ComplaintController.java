package org.sanctuarycity.workflow.complaint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.contact.ContactService;
import org.sanctuarycity.workflow.intake.RequestViews;
import org.sanctuarycity.workflow.retention.LegalHolds;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The city attorney's complaint API (SecurityConfiguration: city-attorney, city-attorney-supervisors):
 * the evidence pack as a ZIP, and the release of a complaint's legal holds.
 */
@RestController
@RequestMapping("/api/complaints")
class ComplaintController {

  private final ComplaintService complaints;
  private final RequestViews requestViews;
  private final ContactService contacts;
  private final TransparencyLog log;
  private final LegalHolds holds;
  private final ComplaintLog complaintLog;
  private final CurrentActor actor;
  private final ObjectMapper json;

  ComplaintController(ComplaintService complaints, RequestViews requestViews, ContactService contacts,
      TransparencyLog log, LegalHolds holds, ComplaintLog complaintLog, CurrentActor actor, ObjectMapper json) {
    this.complaints = complaints;
    this.requestViews = requestViews;
    this.contacts = contacts;
    this.log = log;
    this.holds = holds;
    this.complaintLog = complaintLog;
    this.actor = actor;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * One ZIP with the complaint, every linked request and contact report (personal data included: it goes to
   * a court or the complainant's counsel), their transparency entries, the holds, and a manifest of SHA-256 digests.
   */
  @GetMapping(value = "/{reference}/evidence-pack", produces = "application/zip")
  // Not read-only: reading a linked request's personal data writes the data-access log in this transaction.
  @Transactional
  ResponseEntity<byte[]> evidencePack(@PathVariable String reference, Authentication auth) throws IOException {
    checkReference(reference);
    Complaint c = complaints.requireByReference(reference);
    List<String> groups = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, Object> complaint = new LinkedHashMap<>();
    complaint.put("reference", c.getReference());
    complaint.put("status", c.getStatus());
    complaint.put("filedAt", c.getFiledAt());
    complaint.put("channel", c.getChannel());
    complaint.put("language", c.getLanguage());
    complaint.put("anonymous", c.isAnonymous());
    complaint.put("complainantName", c.getComplainantName());
    complaint.put("complainantContact", c.getComplainantContact());
    complaint.put("incidentDate", c.getIncidentDate());
    complaint.put("incidentLocation", c.getIncidentLocation());
    complaint.put("description", c.getDescription());
    complaint.put("investigator", c.getInvestigator());
    complaint.put("investigationNotes", c.getInvestigationNotes());
    complaint.put("evidenceList", c.getEvidenceList());
    complaint.put("finding", c.getFinding());
    complaint.put("findingRationale", c.getFindingRationale());
    complaint.put("findingAt", c.getFindingAt());
    complaint.put("responseText", c.getResponseText());
    complaint.put("respondedAt", c.getRespondedAt());
    complaint.put("personalDataPurgedAt", c.getPersonalDataPurgedAt());
    files.put("complaint.json", json.writeValueAsBytes(complaint));
    files.put("complaint-log.json", json.writeValueAsBytes(log.forReference(c.getReference())));
    for (String ref : complaints.linkedReferences(c.getId())) {
      Object record = ref.startsWith("FR-")
          ? requestViews.view(ref, auth.getName(), groups, org.sanctuarycity.workflow.audit.DataAccessLog.Channel.API)
          : contactView(ref);
      files.put("records/" + ref + ".json", json.writeValueAsBytes(record));
      files.put("records/" + ref + "-log.json", json.writeValueAsBytes(log.forReference(ref)));
    }
    files.put("legal-holds.json", json.writeValueAsBytes(holds.ofComplaint(c.getId())));
    StringBuilder manifest = new StringBuilder("Evidence pack for complaint " + c.getReference()
        + "\nSHA-256 of every file:\n");
    files.forEach((name, bytes) -> manifest.append(sha256(bytes)).append("  ").append(name).append('\n'));
    files.put("MANIFEST.txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(c.getReference() + "/" + f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + c.getReference() + "-evidence.zip\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .contentType(MediaType.parseMediaType("application/zip")).body(out.toByteArray());
  }

  /** The city attorney releases every hold of a complaint; purges and history cleanup may then proceed. */
  @PostMapping("/{reference}/holds/release")
  @Transactional
  Map<String, Object> release(@PathVariable String reference, Authentication auth) {
    checkReference(reference);
    Complaint c = complaints.requireByReference(reference);
    int released = holds.releaseAll(c.getId(), auth.getName());
    complaintLog.record(c, EventType.LEGAL_HOLD_RELEASED, actor.get(Groups.CITY_ATTORNEY), "RECORDS:" + released);
    return Map.of("complaint", reference, "released", released);
  }

  private Object contactView(String ref) {
    var c = contacts.requireByReference(ref);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", c.getReference());
    m.put("status", c.getStatus());
    m.put("occurredAt", c.getOccurredAt());
    m.put("contactKind", c.getContactKind());
    m.put("agencyClaimed", c.getAgencyClaimed());
    m.put("identification", c.getIdentification());
    m.put("identificationDetails", c.getIdentificationDetails());
    m.put("vehiclesMarked", c.getVehiclesMarked());
    m.put("vehicleDescription", c.getVehicleDescription());
    m.put("locationBlock", c.getLocationBlock());
    m.put("agentsRequested", c.getAgentsRequested());
    m.put("staffAction", c.getStaffAction());
    m.put("anyoneDetained", c.isAnyoneDetained());
    m.put("detainedCount", c.getDetainedCount());
    m.put("warrantShown", c.isWarrantShown());
    m.put("warrantKind", c.getWarrantKind());
    m.put("reviewOutcome", c.getReviewOutcome());
    m.put("reviewNotes", c.getReviewNotes());
    m.put("reportedBy", c.getReportedBy());
    m.put("reviewedBy", c.getReviewedBy());
    m.put("linkedRequests", contacts.linkedRequests(c.getId()));
    return m;
  }

  static void checkReference(String reference) {
    if (!reference.matches("CP-\\d{4}-\\d{5}")) {
      throw InvalidInputException.of("reference", "must look like CP-2026-00001");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
