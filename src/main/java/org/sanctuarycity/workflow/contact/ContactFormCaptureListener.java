package org.sanctuarycity.workflow.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.FormValues;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.contact.ContactCodes.AgentsIdentified;
import org.sanctuarycity.workflow.contact.ContactCodes.ContactKind;
import org.sanctuarycity.workflow.contact.ContactCodes.FacesCovered;
import org.sanctuarycity.workflow.contact.ContactCodes.Identification;
import org.sanctuarycity.workflow.contact.ContactCodes.VehicleMarking;
import org.sanctuarycity.workflow.contact.ContactCodes.WarrantKind;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Start listener of StartEvent_ContactReported. A report filed from the Tasklist start form arrives as
 * process variables; this stores it (same rules as the API), optionally turns the request made during the
 * contact into a federal request, and removes the personal and raw fields in the same transaction.
 * Reports started through the API already carry a contactId and pass through untouched.
 */
@Component
public class ContactFormCaptureListener implements ExecutionListener {

  static final List<String> RAW_FIELDS = List.of("occurredAt", "detainedCount", ContactVariables.TURN_INTO_REQUEST,
      ContactVariables.FEDERAL_REQUEST_TYPE, ContactVariables.FEDERAL_REQUEST_PRIMARY_PURPOSE,
      ContactVariables.FEDERAL_REQUEST_FACILITY_KIND, ContactVariables.FEDERAL_REQUEST_FACILITY_AREA);

  /** The request's fields, as the intake rules name them under federalRequest, and as the start form does. */
  private static final Map<String, String> FORM_FIELDS = Map.of(
      ContactService.FEDERAL_REQUEST_PREFIX + "requestType", ContactVariables.FEDERAL_REQUEST_TYPE,
      ContactService.FEDERAL_REQUEST_PREFIX + "primaryPurpose", ContactVariables.FEDERAL_REQUEST_PRIMARY_PURPOSE,
      ContactService.FEDERAL_REQUEST_PREFIX + "facilityKind", ContactVariables.FEDERAL_REQUEST_FACILITY_KIND,
      ContactService.FEDERAL_REQUEST_PREFIX + "facilityArea", ContactVariables.FEDERAL_REQUEST_FACILITY_AREA);

  private final ContactService contacts;
  private final CurrentActor actor;
  private final CityProperties city;

  public ContactFormCaptureListener(ContactService contacts, CurrentActor actor, CityProperties city) {
    this.contacts = contacts;
    this.actor = actor;
    this.city = city;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.hasVariable(ContactVariables.CONTACT_ID)) {
      return;
    }
    Map<String, Object> vars = execution.getVariables();
    List<FieldProblem> problems = new ArrayList<>();
    NewContact input = read(vars, problems, city);
    boolean turn = Boolean.TRUE.equals(vars.get(ContactVariables.TURN_INTO_REQUEST));
    RequestType type = FormValues.enumValue(RequestType.class, vars, ContactVariables.FEDERAL_REQUEST_TYPE, problems);
    PrimaryPurpose purpose = FormValues.enumValue(PrimaryPurpose.class, vars,
        ContactVariables.FEDERAL_REQUEST_PRIMARY_PURPOSE, problems);
    FacilityKind facilityKind = FormValues.enumValue(FacilityKind.class, vars,
        ContactVariables.FEDERAL_REQUEST_FACILITY_KIND, problems);
    FacilityArea facilityArea = FormValues.enumValue(FacilityArea.class, vars,
        ContactVariables.FEDERAL_REQUEST_FACILITY_AREA, problems);
    if (turn && type == null) {
      problems.add(new FieldProblem(ContactVariables.FEDERAL_REQUEST_TYPE, "is required to turn the request into a federal request"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String user = actor.get(Groups.POLICE_OFFICERS).userId();
    ContactReport contact = contacts.store(input, user == null ? "system" : user);
    String requestReference = "";
    if (turn) {
      try {
        requestReference = contacts.convert(contact, new ContactRequest(type, null, null, null, null, null, purpose,
            facilityKind, facilityArea), user == null ? "system" : user);
      } catch (InvalidInputException refused) {
        // Name the start form's own fields, so Tasklist points at the field to fill in.
        throw new InvalidInputException(refused.getProblems().stream()
            .map(p -> new FieldProblem(FORM_FIELDS.getOrDefault(p.field(), p.field()), p.reason())).toList(),
            refused.isTooLarge());
      }
    }
    for (String name : List.copyOf(execution.getVariableNames())) {
      if (ProcessVariables.isPersonal(name) || RAW_FIELDS.contains(name)) {
        execution.removeVariable(name);
      }
    }
    execution.setProcessBusinessKey(contact.getReference());
    execution.setVariables(contacts.startVariables(contact));
    execution.setVariable(ContactVariables.LINKED_REQUESTS, requestReference);
  }

  /** The report's fields as the start and correction forms name them; absent fields stay null. */
  static NewContact read(Map<String, Object> vars, List<FieldProblem> problems, CityProperties city) {
    return new NewContact(
        FormValues.dateTime(vars, "occurredAt", problems, city.zone()),
        FormValues.text(vars, "pii_locationBlock"),
        FormValues.enumValue(ContactKind.class, vars, "contactKind", problems),
        FormValues.enumValue(Agency.class, vars, "agencyClaimed", problems),
        FormValues.enumValue(Identification.class, vars, "identification", problems),
        FormValues.text(vars, "pii_identificationDetails"),
        FormValues.enumValue(VehicleMarking.class, vars, "vehiclesMarked", problems),
        FormValues.text(vars, "pii_vehicleDescription"),
        (Boolean) (vars.get("requestMade") instanceof Boolean b ? b : null),
        FormValues.text(vars, "pii_agentsRequested"),
        FormValues.text(vars, "pii_staffAction"),
        (Boolean) (vars.get("anyoneDetained") instanceof Boolean b ? b : null),
        FormValues.integer(vars, "detainedCount", problems),
        (Boolean) (vars.get("warrantShown") instanceof Boolean b ? b : null),
        "NONE".equals(vars.get("warrantKind")) ? null : FormValues.enumValue(WarrantKind.class, vars, "warrantKind", problems),
        null,
        FormValues.enumValue(AgentsIdentified.class, vars, ContactVariables.AGENTS_IDENTIFIED, problems),
        FormValues.enumValue(FacesCovered.class, vars, ContactVariables.FACES_COVERED, problems));
  }

}
