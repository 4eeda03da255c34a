package org.sanctuarycity.workflow.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.policy.RequestType;
import org.springframework.stereotype.Component;

/** The one set of intake rules, shared by the API and the Tasklist start form. */
@Component
class IntakeValidator {

  static final int NAME_MAX = 200;
  static final int SHORT_MAX = 64;
  static final int SUMMARY_MAX = 4000;
  static final int DOCUMENTS_MAX = 20;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. x]{3,40}");
  // Clock skew between the desk's PC and the server is tolerated up to this.
  private static final long FUTURE_TOLERANCE_SECONDS = 300;

  private final Clock clock;

  IntakeValidator(Clock clock) {
    this.clock = clock;
  }

  /** A validated, trimmed copy of the request, or an InvalidInputException naming every bad field. */
  NewRequest validate(NewRequest in) {
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    Instant now = clock.instant();
    if (in.agency() == null) problems.add(new FieldProblem("agency", "is required"));
    if (in.requestType() == null) problems.add(new FieldProblem("requestType", "is required"));
    if (in.channel() == null) problems.add(new FieldProblem("channel", "is required"));
    checkPurposeAndFacility(in, problems);
    if (in.receivedAt() == null) {
      problems.add(new FieldProblem("receivedAt", "is required"));
    } else if (in.receivedAt().toInstant().isAfter(now.plusSeconds(FUTURE_TOLERANCE_SECONDS))) {
      problems.add(new FieldProblem("receivedAt", "must not be in the future"));
    }
    NewRequest.Requester requester = null;
    if (in.requester() == null) {
      problems.add(new FieldProblem("requester", "is required"));
    } else {
      NewRequest.Requester r = in.requester();
      String name = TextRules.check(problems, tooLong, "requester.name", r.name(), NAME_MAX, false, true);
      String badge = TextRules.check(problems, tooLong, "requester.badgeNumber", r.badgeNumber(), SHORT_MAX, false, false);
      String phone = TextRules.check(problems, tooLong, "requester.phone", r.phone(), SHORT_MAX, false, false);
      if (phone != null && !PHONE.matcher(phone).matches()) {
        problems.add(new FieldProblem("requester.phone", "is not a phone number"));
      }
      String email = TextRules.check(problems, tooLong, "requester.email", r.email(), NAME_MAX, false, false);
      if (email != null && !EMAIL.matcher(email).matches()) {
        problems.add(new FieldProblem("requester.email", "is not an e-mail address"));
      }
      requester = new NewRequest.Requester(name, badge, phone, email);
    }
    NewRequest.Subject subject = null;
    if (in.subject() != null) {
      NewRequest.Subject s = in.subject();
      String fullName = TextRules.check(problems, tooLong, "subject.fullName", s.fullName(), NAME_MAX, false, false);
      String booking = TextRules.check(problems, tooLong, "subject.bookingNumber", s.bookingNumber(), SHORT_MAX, false, false);
      if (s.dateOfBirth() != null && s.dateOfBirth().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
        problems.add(new FieldProblem("subject.dateOfBirth", "must not be in the future"));
      }
      if (s.dateOfBirth() != null && s.dateOfBirth().isBefore(LocalDate.of(1900, 1, 1))) {
        problems.add(new FieldProblem("subject.dateOfBirth", "must be after 1900-01-01"));
      }
      subject = new NewRequest.Subject(fullName, s.dateOfBirth(), booking, Boolean.TRUE.equals(s.inCustody()),
          s.scheduledRelease());
    }
    List<NewRequest.Document> documents = new ArrayList<>();
    if (in.documents() != null) {
      if (in.documents().size() > DOCUMENTS_MAX) {
        tooLong.add(new FieldProblem("documents", "has more than " + DOCUMENTS_MAX + " entries"));
      } else {
        for (int i = 0; i < in.documents().size(); i++) {
          NewRequest.Document d = in.documents().get(i);
          String p = "documents[" + i + "].";
          if (d == null) {
            problems.add(new FieldProblem("documents[" + i + "]", "must not be null"));
            continue;
          }
          String form = TextRules.check(problems, tooLong, p + "formNumber", d.formNumber(), 40, false, false);
          String issuedBy = TextRules.check(problems, tooLong, p + "issuedBy", d.issuedBy(), 300, false, false);
          String signedBy = TextRules.check(problems, tooLong, p + "signedBy", d.signedBy(), NAME_MAX, false, false);
          String title = TextRules.check(problems, tooLong, p + "signerTitle", d.signerTitle(), NAME_MAX, false, false);
          if (d.issuedOn() != null && d.issuedOn().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))) {
            problems.add(new FieldProblem(p + "issuedOn", "must not be in the future"));
          }
          documents.add(new NewRequest.Document(form, issuedBy, signedBy, title, d.issuedOn()));
        }
      }
    }
    String summary = TextRules.check(problems, tooLong, "summary", in.summary(), SUMMARY_MAX, true, true);
    InvalidInputException.refuse(problems, tooLong);
    return new NewRequest(in.agency(), in.requestType(), in.channel(), in.receivedAt(), requester, subject,
        documents, summary, in.primaryPurpose(), in.facilityKind(), in.facilityArea());
  }

  /**
   * Gov. Code 7284.6(b)(3) turns on the primary purpose of a joint operation, task force or facility visit, so
   * those must state it (NOT_STATED is an answer: the agency would not say). Other types may state it. Only a
   * facility-access request concerns a place: its kind and area (AB 49, SB 81) are required there and refused
   * elsewhere, so no request carries a facility it is not about.
   */
  private static void checkPurposeAndFacility(NewRequest in, List<FieldProblem> problems) {
    RequestType type = in.requestType();
    boolean needsPurpose = type == RequestType.JOINT_OPERATION || type == RequestType.FACILITY_ACCESS;
    if (needsPurpose && in.primaryPurpose() == null) {
      problems.add(new FieldProblem("primaryPurpose", "is required for a joint operation or facility access"));
    }
    if (type == RequestType.FACILITY_ACCESS) {
      if (in.facilityKind() == null) problems.add(new FieldProblem("facilityKind", "is required for facility access"));
      if (in.facilityArea() == null) problems.add(new FieldProblem("facilityArea", "is required for facility access"));
    } else if (type != null) {
      if (in.facilityKind() != null) {
        problems.add(new FieldProblem("facilityKind", "is only for facility-access requests"));
      }
      if (in.facilityArea() != null) {
        problems.add(new FieldProblem("facilityArea", "is only for facility-access requests"));
      }
    }
  }
}
