package org.sanctuarycity.workflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

/** Package-by-feature borders: each feature owns its tables; others use its public services only. */
class ModuleBoundariesTest {

  static final String BASE = "org.sanctuarycity.workflow";
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void repositoriesAreUsedOnlyInsideTheirOwnPackage() {
    classes().that().areAssignableTo(Repository.class).should().notBePublic().check(CLASSES);
  }

  @Test
  void theTransparencyLogDependsOnNoWorkflowStep() {
    noClasses().that().resideInAPackage(BASE + ".transparency..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".verification..",
            BASE + ".review..", BASE + ".response..", BASE + ".notification..")
        .check(CLASSES);
  }

  @Test
  void policyAndCommonDependOnNoWorkflowStep() {
    noClasses().that().resideInAnyPackage(BASE + ".policy..", BASE + ".common..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".verification..",
            BASE + ".review..", BASE + ".response..", BASE + ".notification..", BASE + ".transparency..")
        .check(CLASSES);
  }

  @Test
  void everyBpmnStepIsOneComponentNamedAfterIt() {
    classes().that().implement(JavaDelegate.class).should().haveSimpleNameEndingWith("Delegate")
        .andShould().beAnnotatedWith(Component.class).check(CLASSES);
  }
}
