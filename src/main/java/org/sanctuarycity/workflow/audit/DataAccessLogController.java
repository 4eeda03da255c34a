package org.sanctuarycity.workflow.audit;

import java.util.ArrayList;
import java.util.List;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/data-access-log: auditors and administrators only (SecurityConfiguration), never public.
 * Paged, newest first; optionally filtered by request reference or by user.
 */
@RestController
class DataAccessLogController {

  private final DataAccessLog log;

  DataAccessLogController(DataAccessLog log) {
    this.log = log;
  }

  @GetMapping("/api/data-access-log")
  DataAccessLog.Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) String reference, @RequestParam(required = false) String user) {
    List<FieldProblem> problems = new ArrayList<>();
    if (page < 0 || page > 1_000_000) {
      problems.add(new FieldProblem("page", "must be between 0 and 1000000"));
    }
    if (size < 1 || size > DataAccessLog.MAX_PAGE_SIZE) {
      problems.add(new FieldProblem("size", "must be between 1 and " + DataAccessLog.MAX_PAGE_SIZE));
    }
    if (reference != null && !reference.matches("FR-\\d{4}-\\d{5}")) {
      problems.add(new FieldProblem("reference", "must look like FR-2026-00001"));
    }
    if (user != null && !user.matches("[A-Za-z0-9@._-]{1,128}")) {
      problems.add(new FieldProblem("user", "must be a user id"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems, false);
    }
    return log.page(reference, user, page, size);
  }
}
