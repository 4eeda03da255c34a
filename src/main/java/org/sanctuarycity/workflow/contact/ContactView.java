package org.sanctuarycity.workflow.contact;

import java.time.Instant;
import java.util.List;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;

/** A contact report as GET /api/contacts/{reference} shows it; personal part only for the groups allowed. */
public record ContactView(
    String reference,
    String status,
    Instant occurredAt,
    Instant reportDueAt,
    boolean reportedLate,
    String contactKind,
    String agencyClaimed,
    String identification,
    String vehiclesMarked,
    String agentsIdentified,
    String facesCovered,
    boolean requestMade,
    boolean anyoneDetained,
    Integer detainedCount,
    boolean warrantShown,
    String warrantKind,
    String reviewOutcome,
    Instant reviewedAt,
    int corrections,
    List<String> linkedRequests,
    boolean personalDataPurged,
    List<TransparencyEntry> logEntries,
    Personal personal) {

  public record Personal(String locationBlock, String identificationDetails, String vehicleDescription,
      String agentsRequested, String staffAction, String reviewNotes, String reportedBy, String reviewedBy) {}
}
