package org.sanctuarycity.workflow.complaint;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.FormValues;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Start listener of StartEvent_ComplaintFiled. When staff file a complaint on someone's behalf with the
 * Tasklist start form "complaint-intake", the form's fields arrive as process variables: this stores the
 * complaint (same rules as the public page, channel {@value #CHANNEL}) and, in the same transaction, removes
 * the personal ({@code pii_*}, kept out of history by PersonalDataHistoryFilter) and raw fields, leaving the
 * ids and codes the public page's instances carry. Complaints filed through the page already carry a
 * complaintId and pass through untouched.
 */
@Component
public class ComplaintFormCaptureListener implements ExecutionListener {

  static final String CHANNEL = "TASKLIST";
  /** Start-form fields that are not personal but are raw input, replaced by the stored complaint's codes. */
  static final List<String> RAW_FIELDS = List.of("language", "filedByAttorney", "references");

  private final ComplaintService complaints;
  private final ComplaintMessages messages;

  public ComplaintFormCaptureListener(ComplaintService complaints, ComplaintMessages messages) {
    this.complaints = complaints;
    this.messages = messages;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.hasVariable(ComplaintVariables.COMPLAINT_ID)) {
      return;
    }
    Map<String, Object> vars = execution.getVariables();
    List<FieldProblem> problems = new ArrayList<>();
    String language = FormValues.text(vars, "language");
    if (language == null) {
      language = "en";
    } else if (!messages.languages().contains(language.strip())) {
      problems.add(new FieldProblem("language", "is not a language the complaint pages offer"));
    }
    String refs = FormValues.text(vars, "references");
    NewComplaint input = new NewComplaint(language == null ? "en" : language.strip(), flag(vars, "anonymous"),
        flag(vars, "filedByAttorney"), FormValues.text(vars, "pii_complainantName"),
        FormValues.text(vars, "pii_complainantContact"), date(vars, "pii_incidentDate", problems),
        FormValues.text(vars, "pii_incidentLocation"), FormValues.text(vars, "pii_description"),
        refs == null ? List.of() : Arrays.stream(refs.split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Complaint complaint = complaints.store(input, CHANNEL).complaint();
    for (String name : List.copyOf(execution.getVariableNames())) {
      if (ProcessVariables.isPersonal(name) || RAW_FIELDS.contains(name)) {
        execution.removeVariable(name);
      }
    }
    execution.setProcessBusinessKey(complaint.getReference());
    execution.setVariables(ComplaintService.startVariables(complaint));
  }

  private static boolean flag(Map<String, Object> vars, String name) {
    Object v = vars.get(name);
    return Boolean.TRUE.equals(v) || "true".equals(v);
  }

  /** Camunda Forms send a date field as YYYY-MM-DD text. */
  private static LocalDate date(Map<String, Object> vars, String name, List<FieldProblem> problems) {
    String s = FormValues.text(vars, name);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(name, "is not a date (YYYY-MM-DD)"));
      return null;
    }
  }
}
