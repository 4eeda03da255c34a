package org.sanctuarycity.workflow.response;

import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The printable letters of a decided request (Letters), linked from the send-response and notify-person forms.
 * Who may call (SecurityConfiguration): police-desk, city-attorney, city-attorney-supervisors and administrators.
 * GET .../response-letter.pdf: the response to the agency; GET .../person-notice.pdf?lang=ES: the notice to the
 * person. 409 before a final decision (and for the response letter before its draft).
 */
@RestController
class LetterController {

  private final FederalRequests requests;
  private final Letters letters;

  LetterController(FederalRequests requests, Letters letters) {
    this.requests = requests;
    this.letters = letters;
  }

  @GetMapping("/api/requests/{reference}/response-letter.pdf")
  ResponseEntity<byte[]> response(@PathVariable String reference) {
    FederalRequest request = request(reference);
    return pdf(letters.response(request), "response-" + request.getReference() + ".pdf");
  }

  @GetMapping("/api/requests/{reference}/person-notice.pdf")
  ResponseEntity<byte[]> notice(@PathVariable String reference, @RequestParam(name = "lang", required = false) String lang) {
    FederalRequest request = request(reference);
    byte[] body = letters.notice(request, lang);
    return pdf(body, "notice-" + request.getReference() + "-" + (lang == null ? "EN" : lang.strip()) + ".pdf");
  }

  private FederalRequest request(String reference) {
    if (!reference.matches("FR-\\d{4}-\\d{5}")) {
      throw InvalidInputException.of("reference", "must look like FR-2026-00001");
    }
    return requests.requireByReference(reference);
  }

  private static ResponseEntity<byte[]> pdf(byte[] body, String filename) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header("Content-Disposition", ContentDisposition.inline().filename(filename).build().toString())
        .body(body);
  }
}
