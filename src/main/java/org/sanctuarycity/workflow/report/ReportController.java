package org.sanctuarycity.workflow.report;

import java.util.List;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Published quarterly reports, public without login (see SecurityConfiguration). Drafts and notes of the
 * review are never shown here.
 */
@RestController
@RequestMapping("/api/transparency/reports")
class ReportController {

  private final ReportSnapshots snapshots;

  ReportController(ReportSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** Every published report, newest period first, without the report itself. */
  @GetMapping
  List<PublishedReport> list() {
    return snapshots.published();
  }

  /** One published report: the frozen JSON, its SHA-256 and the log key's signature. */
  @GetMapping("/{id}")
  PublishedReport one(@PathVariable long id) {
    return snapshots.published(id).orElseThrow(() -> new NotFoundException("Report"));
  }
}
