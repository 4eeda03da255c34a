package org.sanctuarycity.workflow.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.springframework.stereotype.Component;

/** The one set of rules for contact reports, shared by the API, the start form and corrections. */
@Component
class ContactValidator {

  static final int LOCATION_MAX = 200;
  static final int TEXT_MAX = 4000;
  static final int DETAILS_MAX = 1000;
  private static final long FUTURE_TOLERANCE_SECONDS = 300;
  /** A house number followed by a street name ("1234 Main St"): a street address, not a block. */
  private static final Pattern HOUSE_NUMBER = Pattern.compile("(?i)(?<![\\w-])(\\d+)[a-z]?\\s+(?!block\\b|blk\\b)(?=[a-z])");
  private static final Pattern BLOCK_NUMBER = Pattern.compile("(?i)(?<![\\w-])(\\d+)\\s+(?:block|blk)\\b");

  private final Clock clock;

  ContactValidator(Clock clock) {
    this.clock = clock;
  }

  NewContact validate(NewContact in) {
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    Instant now = clock.instant();
    if (in.occurredAt() == null) {
      problems.add(new FieldProblem("occurredAt", "is required"));
    } else if (in.occurredAt().toInstant().isAfter(now.plusSeconds(FUTURE_TOLERANCE_SECONDS))) {
      problems.add(new FieldProblem("occurredAt", "must not be in the future"));
    }
    String location = TextRules.check(problems, tooLong, "locationBlock", in.locationBlock(), LOCATION_MAX, false, true);
    if (location != null) {
      checkBlockLevel(location, problems);
    }
    if (in.contactKind() == null) problems.add(new FieldProblem("contactKind", "is required"));
    if (in.agencyClaimed() == null) problems.add(new FieldProblem("agencyClaimed", "is required"));
    if (in.identification() == null) problems.add(new FieldProblem("identification", "is required"));
    if (in.vehiclesMarked() == null) problems.add(new FieldProblem("vehiclesMarked", "is required"));
    // SB 805 and SB 627: asked on every report, so the public count has no gaps; UNKNOWN is an answer.
    if (in.agentsIdentified() == null) problems.add(new FieldProblem("agentsIdentified", "is required"));
    if (in.facesCovered() == null) problems.add(new FieldProblem("facesCovered", "is required"));
    String idDetails = TextRules.check(problems, tooLong, "identificationDetails", in.identificationDetails(),
        DETAILS_MAX, true, false);
    String vehicles = TextRules.check(problems, tooLong, "vehicleDescription", in.vehicleDescription(), DETAILS_MAX,
        true, false);
    boolean requestMade = Boolean.TRUE.equals(in.requestMade());
    String asked = TextRules.check(problems, tooLong, "agentsRequested", in.agentsRequested(), TEXT_MAX, true,
        requestMade);
    String action = TextRules.check(problems, tooLong, "staffAction", in.staffAction(), TEXT_MAX, true, true);
    boolean detained = Boolean.TRUE.equals(in.anyoneDetained());
    if (in.detainedCount() != null && (in.detainedCount() < 0 || in.detainedCount() > 1000)) {
      problems.add(new FieldProblem("detainedCount", "must be between 0 and 1000"));
    }
    if (!detained && in.detainedCount() != null && in.detainedCount() > 0) {
      problems.add(new FieldProblem("detainedCount", "must be empty or 0 when nobody was detained"));
    }
    boolean warrant = Boolean.TRUE.equals(in.warrantShown());
    if (warrant && in.warrantKind() == null) {
      problems.add(new FieldProblem("warrantKind", "is required when a warrant was shown"));
    }
    if (!warrant && in.warrantKind() != null) {
      problems.add(new FieldProblem("warrantKind", "must be empty when no warrant was shown"));
    }
    InvalidInputException.refuse(problems, tooLong);
    return new NewContact(in.occurredAt(), location, in.contactKind(), in.agencyClaimed(), in.identification(),
        idDetails, in.vehiclesMarked(), vehicles, requestMade, asked, action, detained,
        detained ? in.detainedCount() : null, warrant, warrant ? in.warrantKind() : null, in.federalRequest(),
        in.agentsIdentified(), in.facesCovered());
  }

  /** Block-level only: "6500 block of Pacific Blvd" or "Florence Ave and Pacific Blvd", never "6512 Pacific Blvd". */
  static void checkBlockLevel(String location, List<FieldProblem> problems) {
    Matcher block = BLOCK_NUMBER.matcher(location);
    while (block.find()) {
      if (Long.parseLong(block.group(1).length() > 9 ? "1" : block.group(1)) % 100 != 0) {
        problems.add(new FieldProblem("locationBlock", "block numbers end in 00 (e.g. 6500 block of Pacific Blvd)"));
        return;
      }
    }
    if (HOUSE_NUMBER.matcher(location).find()) {
      problems.add(new FieldProblem("locationBlock",
          "must be block-level (e.g. 6500 block of Pacific Blvd) or an intersection, not a street address"));
    }
  }
}
