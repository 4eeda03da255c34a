package org.sanctuarycity.workflow.policy;

import java.util.ArrayList;
import java.util.List;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The legal-basis catalog. Who may call: GET any staff group; POST city-attorney and
 * city-attorney-supervisors (SecurityConfiguration). New codes appear in the legal-review form at once. A basis
 * lists the release items it can authorize ({@code authorizesItems}); one that {@code forbidsCooperation} can only
 * justify a decline.
 */
@RestController
@RequestMapping("/api/legal-bases")
class LegalBasisController {

  private final LegalBasisCatalog catalog;

  LegalBasisController(LegalBasisCatalog catalog) {
    this.catalog = catalog;
  }

  record LegalBasisView(String code, String label, String description, boolean warrant, boolean forbidsCooperation,
      List<String> authorizesItems) {
    static LegalBasisView of(LegalBasis b) {
      return new LegalBasisView(b.getCode(), b.getLabel(), b.getDescription(), b.isWarrant(), b.forbidsCooperation(),
          List.copyOf(b.authorizedItems()));
    }
  }

  record NewLegalBasis(String code, String label, String description, Boolean warrant, Boolean forbidsCooperation,
      List<String> authorizesItems) {}

  @GetMapping
  List<LegalBasisView> list() {
    return catalog.active().stream().map(LegalBasisView::of).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  LegalBasisView add(@RequestBody NewLegalBasis body, Authentication auth) {
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    String code = TextRules.check(problems, tooLong, "code", body.code(), 64, false, true);
    if (code != null && !code.matches("[A-Z][A-Z0-9_]{1,63}")) {
      problems.add(new FieldProblem("code", "must be upper-case letters, digits and underscores"));
    }
    String label = TextRules.check(problems, tooLong, "label", body.label(), 200, false, true);
    String description = TextRules.check(problems, tooLong, "description", body.description(), 2000, true, false);
    if (body.warrant() == null) {
      problems.add(new FieldProblem("warrant", "is required (true when the basis is a warrant or court order)"));
    }
    List<String> items = body.authorizesItems() == null ? List.of() : body.authorizesItems();
    for (int i = 0; i < items.size(); i++) {
      if (!isItem(items.get(i))) {
        problems.add(new FieldProblem("authorizesItems[" + i + "]", "is not a release item of the release rules"));
      }
    }
    // Without a word on it, a new basis forbids nothing and authorizes nothing: it cannot release anything.
    boolean forbids = Boolean.TRUE.equals(body.forbidsCooperation());
    if (forbids && !items.isEmpty()) {
      problems.add(new FieldProblem("authorizesItems", "must be empty for a basis that forbids cooperation"));
    }
    InvalidInputException.refuse(problems, tooLong);
    try {
      return LegalBasisView.of(catalog.add(code, label, description, body.warrant(), forbids,
          items.stream().distinct().toList(), auth.getName()));
    } catch (LegalBasisCatalog.DuplicateLegalBasisException e) {
      throw new ConflictException(e.getMessage());
    }
  }

  private static boolean isItem(String code) {
    try {
      return code != null && ReleasableItem.valueOf(code) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
