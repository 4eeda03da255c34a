package org.sanctuarycity.workflow.process;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.WarrantFinding;

/** Documents, verification answers and decisions as the desk, the verifiers and the attorney enter them. */
public final class FederalRequestFixtures {

  private FederalRequestFixtures() {}

  static List<NewRequest.Document> i200() {
    return List.of(new NewRequest.Document("I-200", "DHS / ICE", "J. Officer", "Supervisory Detention Officer",
        LocalDate.now().minusDays(3)));
  }

  static List<NewRequest.Document> i247a() {
    return List.of(new NewRequest.Document("I-247A", "DHS / ICE", "J. Officer", "Immigration Officer",
        LocalDate.now().minusDays(1)));
  }

  static List<NewRequest.Document> courtWarrant() {
    return List.of(new NewRequest.Document("AO 442", "U.S. District Court, C.D. Cal.", "Hon. A. Judge",
        "United States District Judge", LocalDate.now().minusDays(2)));
  }

  public static Map<String, Object> administrativeFinding() {
    Map<String, Object> v = new HashMap<>();
    v.put("issuingBody", "DHS_ICE");
    v.put("signer", "IMMIGRATION_OFFICER");
    v.put("formNumberCheck", "ADMINISTRATIVE_FORM");
    v.put("legalBasisCheck", "CIVIL_REMOVABILITY");
    v.put("particularityOk", true);
    v.put("notExpired", true);
    v.put("federalCriminalLaw", false);
    v.put("callbackDone", true);
    v.put("warrantFinding", WarrantFinding.ADMINISTRATIVE.name());
    v.put("requesterVerified", true);
    v.put("pii_verificationNotes", "Called the ERO field office back on the number on file.");
    return v;
  }

  static Map<String, Object> judicialValidFinding() {
    Map<String, Object> v = new HashMap<>();
    v.put("issuingBody", "FEDERAL_COURT");
    v.put("signer", "FEDERAL_JUDGE");
    v.put("formNumberCheck", "COURT_DOCUMENT");
    v.put("legalBasisCheck", "CRIMINAL_PROBABLE_CAUSE");
    v.put("particularityOk", true);
    v.put("notExpired", true);
    v.put("federalCriminalLaw", true);
    v.put("callbackDone", true);
    v.put("warrantFinding", WarrantFinding.JUDICIAL_VALID.name());
    v.put("requesterVerified", true);
    return v;
  }

  static Map<String, Object> judicialInvalidFinding() {
    Map<String, Object> v = judicialValidFinding();
    v.put("notExpired", false);
    v.put("warrantFinding", WarrantFinding.JUDICIAL_INVALID.name());
    return v;
  }

  static Map<String, Object> noDocumentFinding() {
    Map<String, Object> v = new HashMap<>();
    v.put("issuingBody", "NONE");
    v.put("signer", "NONE");
    v.put("formNumberCheck", "NONE");
    v.put("legalBasisCheck", "NONE");
    v.put("particularityOk", false);
    v.put("notExpired", false);
    v.put("federalCriminalLaw", false);
    v.put("callbackDone", true);
    v.put("warrantFinding", WarrantFinding.NONE.name());
    v.put("requesterVerified", true);
    return v;
  }

  static Map<String, Object> decision(Decision decision, String legalBasis, Object releasedItems) {
    Map<String, Object> v = new HashMap<>();
    v.put("decision", decision.name());
    v.put("legalBasis", legalBasis);
    if (releasedItems != null) {
      v.put("releasedItems", releasedItems);
    }
    v.put("pii_rationale", "Reviewed against the ordinance and SB 54.");
    return v;
  }
}
