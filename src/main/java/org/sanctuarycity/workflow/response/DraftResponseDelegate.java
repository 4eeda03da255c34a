package org.sanctuarycity.workflow.response;

import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.review.LegalReview;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_DraftResponse: drafts the answer to the agency from the decision. A decline cites the
 * ordinance and the legal basis; a compliance lists only the authorized items. Refuses to run
 * without verification, decision and DECIDED entry (ResponseGate).
 */
@Component
public class DraftResponseDelegate implements JavaDelegate {

  private final FederalRequests requests;
  private final ResponseGate gate;
  private final ResponseTemplates templates;
  private final CityProperties city;
  private final LegalBasisCatalog catalog;

  public DraftResponseDelegate(FederalRequests requests, ResponseGate gate, ResponseTemplates templates,
      CityProperties city, LegalBasisCatalog catalog) {
    this.requests = requests;
    this.gate = gate;
    this.templates = templates;
    this.city = city;
    this.catalog = catalog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    LegalReview decision = gate.require(request);
    String template = switch (decision.getDecision()) {
      case COMPLY -> templates.comply();
      case COMPLY_LIMITED -> templates.complyLimited();
      case NO_RESPONSIVE_RECORDS -> templates.noResponsiveRecords();
      default -> templates.decline();
    };
    String basisLabel = catalog.findActive(decision.getLegalBasis()).map(b -> b.getLabel()).orElse(decision.getLegalBasis());
    Map<String, String> values = Map.of(
        "{city}", city.name(),
        "{ordinance}", city.ordinance(),
        "{reference}", request.getReference(),
        "{agency}", request.getAgency().name(),
        "{requestType}", request.getRequestType().name().replace('_', ' ').toLowerCase(),
        "{receivedDate}", request.getReceivedAt().atZone(city.zone()).toLocalDate().toString(),
        "{legalBasis}", basisLabel,
        "{legalBasisCode}", decision.getLegalBasis(),
        "{items}", decision.getReleasedItems() == null ? "none" : decision.getReleasedItems().replace(",", ", "));
    String text = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    request.setResponseText(text.strip());
  }
}
