package org.sanctuarycity.workflow.complaint;

import java.time.LocalDate;
import java.util.List;

/**
 * A complaint as filed on the public page (or by staff on the complainant's behalf). Anonymous complaints
 * carry no name or contact. {@code references} are FR-/IC- numbers the complainant knows, if any.
 */
public record NewComplaint(
    String language,
    boolean anonymous,
    boolean filedByAttorney,
    String name,
    String contact,
    LocalDate incidentDate,
    String location,
    String description,
    List<String> references) {}
