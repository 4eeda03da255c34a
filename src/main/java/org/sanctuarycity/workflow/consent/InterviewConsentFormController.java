package org.sanctuarycity.workflow.consent;

import java.util.Arrays;
import java.util.Locale;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.policy.AccessCategory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/requests/{reference}/interview-consent-form.pdf?lang=ES: the written consent form to give the person
 * before an ICE interview (Gov. Code 7283.1(a)), for the staff who handle requests (SecurityConfiguration). Only
 * interview requests have one (409 otherwise). The PDF holds the reference and the configured wording, no
 * personal data, so printing it is not a personal-data read.
 */
@RestController
class InterviewConsentFormController {

  private final FederalRequests requests;
  private final ConsentFormPdf pdf;

  InterviewConsentFormController(FederalRequests requests, ConsentFormPdf pdf) {
    this.requests = requests;
    this.pdf = pdf;
  }

  @GetMapping("/api/requests/{reference}/interview-consent-form.pdf")
  ResponseEntity<byte[]> form(@PathVariable String reference, @RequestParam(name = "lang", required = false) String lang) {
    FormLanguage language = language(lang);
    FederalRequest request = requests.requireByReference(reference);
    if (request.getAccessCategory() != AccessCategory.INTERVIEW) {
      throw new ConflictException("request " + reference + " is not an interview request: it has no consent form");
    }
    byte[] body = pdf.print(request.getReference(), language);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header("Content-Disposition", ContentDisposition.inline()
            .filename("interview-consent-" + request.getReference() + "-" + language + ".pdf").build().toString())
        .body(body);
  }

  private static FormLanguage language(String lang) {
    if (lang == null || lang.isBlank()) {
      return FormLanguage.EN;
    }
    try {
      return FormLanguage.valueOf(lang.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of("lang", "is not one of " + Arrays.toString(FormLanguage.values()));
    }
  }
}
