package org.sanctuarycity.workflow.review;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Create listener of UserTask_LegalReview: puts the current legal-basis catalog (codes and labels,
 * no personal data) into the task so the form's drop-down always shows what the city attorney has added.
 */
@Component
public class PrepareLegalReviewListener implements TaskListener {

  private final LegalBasisCatalog catalog;

  public PrepareLegalReviewListener(LegalBasisCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Map<String, String>> options = catalog.active().stream()
        .map(b -> Map.of("value", b.getCode(), "label", b.getLabel()))
        .toList();
    task.setVariableLocal(ProcessVariables.LEGAL_BASIS_OPTIONS, Spin.JSON(options));
  }
}
