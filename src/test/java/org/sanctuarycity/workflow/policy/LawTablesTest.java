package org.sanctuarycity.workflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of bpmn/release-rules.dmn and bpmn/trust-act-eligibility.dmn, evaluated as shipped with the facts a
 * real request brings. Each case is one sentence of the law; docs/legal.md maps the rows to these methods.
 */
class LawTablesTest {

  static DmnEngine engine;
  static DmnDecision release;
  static DmnDecision trust;

  @BeforeAll
  static void parseTables() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    release = parse("release-rules");
    trust = parse("trust-act-eligibility");
  }

  static DmnDecision parse(String key) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("bpmn", key + ".dmn"))) {
      return engine.parseDecision(key, in);
    }
  }

  /** The facts of an administrative request with nothing else recorded; each case changes what it is about. */
  static Map<String, Object> facts(String item) {
    Map<String, Object> f = new HashMap<>();
    f.put("item", item);
    f.put("authorizedByLegalBasis", true);
    f.put("warrantFinding", "ADMINISTRATIVE");
    f.put("federalCriminalLaw", false);
    f.put("trustOutcome", "NOT_ASSESSED");
    f.put("interviewConsent", "NONE");
    f.put("primaryPurpose", "NOT_STATED");
    f.put("facilityArea", "NONE");
    f.put("requestType", "ADMINISTRATIVE_SUBPOENA");
    return f;
  }

  static Map<String, Object> decide(Map<String, Object> facts) {
    List<Map<String, Object>> out = engine.evaluateDecisionTable(release, Variables.fromMap(facts)).getResultList();
    assertThat(out).as("release-rules answers %s", facts).hasSize(1);
    return out.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      custody status is public on the jail roster                      | CUSTODY_STATUS                | warrantFinding=ADMINISTRATIVE     | true  | custody_status_public
      a release date already public may be given                       | RELEASE_DATE_PUBLIC           | warrantFinding=NONE               | true  | release_date_public
      a non-public release date needs a TRUST Act criterion            | RELEASE_DATE_NONPUBLIC        | trustOutcome=NOT_ELIGIBLE         | false | release_notice_refused
      notice of release for an eligible person is allowed              | RELEASE_NOTIFICATION          | trustOutcome=ELIGIBLE,requestType=RELEASE_NOTIFICATION | true | release_notice_trust_act
      a detainer asking for notice of the release of an eligible person | RELEASE_DATE_NONPUBLIC       | trustOutcome=ELIGIBLE,requestType=DETAINER | true | release_notice_trust_act
      notice of release answers only a notification request            | RELEASE_NOTIFICATION          | trustOutcome=ELIGIBLE,requestType=RECORDS_REQUEST | false | release_notice_refused
      notice of release that a court order requires is allowed         | RELEASE_NOTIFICATION          | warrantFinding=JUDICIAL_VALID     | true  | release_notice_judicial
      an administrative warrant gets no advance notice of release      | RELEASE_NOTIFICATION          | warrantFinding=ADMINISTRATIVE     | false | release_notice_refused
      a transfer on a federal criminal immigration warrant             | TRANSFER_OF_CUSTODY           | warrantFinding=JUDICIAL_VALID,federalCriminalLaw=true | true | transfer_judicial
      a transfer on a judicial warrant for a state crime is refused    | TRANSFER_OF_CUSTODY           | warrantFinding=JUDICIAL_VALID     | false | transfer_refused
      a transfer of an eligible person under 7282.5                    | TRANSFER_OF_CUSTODY           | trustOutcome=ELIGIBLE,requestType=TRANSFER_REQUEST | true | transfer_trust_act
      a transfer under 7282.5 answers only a transfer request or hold  | TRANSFER_OF_CUSTODY           | trustOutcome=ELIGIBLE,requestType=RECORDS_REQUEST | false | transfer_refused
      a transfer on an immigration judge's order is refused            | TRANSFER_OF_CUSTODY           | warrantFinding=ADMINISTRATIVE     | false | transfer_refused
      an interview with written consent                                | INTERVIEW_WITH_CONSENT        | interviewConsent=GIVEN            | true  | interview_with_consent
      an interview the person wants only with an attorney present      | INTERVIEW_WITH_CONSENT        | interviewConsent=ONLY_WITH_ATTORNEY | true | interview_with_consent
      an interview the person declined is refused                      | INTERVIEW_WITH_CONSENT        | interviewConsent=DECLINED         | false | interview_refused
      an interview with no consent recorded is refused                 | INTERVIEW_WITH_CONSENT        | interviewConsent=NONE             | false | interview_refused
      joining a criminal investigation task force                      | JOINT_OPERATION_PARTICIPATION | primaryPurpose=CRIMINAL_INVESTIGATION | true | joint_operation_purpose
      joining an operation to enforce immigration law is refused       | JOINT_OPERATION_PARTICIPATION | primaryPurpose=IMMIGRATION_ENFORCEMENT | false | joint_operation_refused
      joining an operation of unstated purpose is refused              | JOINT_OPERATION_PARTICIPATION | primaryPurpose=NOT_STATED         | false | joint_operation_refused
      a non-public area of a school with a judicial warrant            | FACILITY_ACCESS_NONPUBLIC     | warrantFinding=JUDICIAL_VALID     | true  | nonpublic_area_judicial
      a non-public area of a clinic without a judicial warrant         | FACILITY_ACCESS_NONPUBLIC     | warrantFinding=ADMINISTRATIVE     | false | nonpublic_area_refused
      a non-public area cannot be granted as a scheduled visit         | FACILITY_ACCESS_SCHEDULED     | facilityArea=NON_PUBLIC           | false | public_area_but_nonpublic_requested
      staff do not arrange an immigration enforcement visit            | FACILITY_ACCESS_SCHEDULED     | facilityArea=PUBLIC,primaryPurpose=IMMIGRATION_ENFORCEMENT | false | public_area_immigration_purpose
      a public area visit for a criminal investigation                 | FACILITY_ACCESS_SCHEDULED     | facilityArea=PUBLIC,primaryPurpose=CRIMINAL_INVESTIGATION | true | public_area
      public records may be given                                      | PUBLIC_RECORDS                | warrantFinding=NONE               | true  | public_information
      personal information already public may be given                 | PERSONAL_INFO_PUBLIC          | warrantFinding=ADMINISTRATIVE     | true  | public_information
      a home address on a valid judicial warrant                       | HOME_OR_WORK_ADDRESS          | warrantFinding=JUDICIAL_VALID     | true  | nonpublic_information_judicial
      a home address on an administrative subpoena is refused          | HOME_OR_WORK_ADDRESS          | warrantFinding=ADMINISTRATIVE     | false | nonpublic_information_refused
      booking records on an invalid judicial warrant are refused       | BOOKING_RECORD                | warrantFinding=JUDICIAL_INVALID   | false | nonpublic_information_refused
      criminal history on a court order                                | CRIMINAL_HISTORY              | warrantFinding=JUDICIAL_VALID     | true  | nonpublic_information_judicial
      status information the city holds is not restricted              | CITIZENSHIP_OR_STATUS_INFO    | warrantFinding=NONE               | true  | status_information
      an item the basis cannot authorize is refused first              | HOME_OR_WORK_ADDRESS          | warrantFinding=JUDICIAL_VALID,authorizedByLegalBasis=false | false | basis_does_not_authorize
      """)
  void eachReleaseRuleDecidesItsItem(String sentence, String item, String changes, boolean allowed, String row) {
    Map<String, Object> f = facts(item);
    for (String change : changes.split(",")) {
      String[] kv = change.split("=");
      f.put(kv[0], kv[1].equals("true") || kv[1].equals("false") ? Boolean.valueOf(kv[1]) : kv[1]);
    }
    Map<String, Object> answer = decide(f);
    assertThat(answer.get("allowed")).as(sentence).isEqualTo(allowed);
    assertThat(answer.get("rule")).as(sentence).isEqualTo("Rule_release_rules_" + row);
    assertThat((String) answer.get("clause")).as(sentence).isNotBlank();
  }

  @Test
  void whatNoRowAllowsStaysWithTheCity() {
    Map<String, Object> answer = decide(facts("SOMETHING_NOT_LISTED"));
    assertThat(answer.get("allowed")).isEqualTo(false);
    assertThat(answer.get("rule")).isEqualTo("Rule_release_rules_nothing_else");
  }

  @Test
  void theReleaseOfNoticeOrTransferTellsThePersonInWriting() {
    Map<String, Object> notice = facts("RELEASE_NOTIFICATION");
    notice.put("trustOutcome", "ELIGIBLE");
    notice.put("requestType", "RELEASE_NOTIFICATION");
    assertThat(decide(notice).get("notifyPerson")).isEqualTo(true);
    Map<String, Object> roster = facts("CUSTODY_STATUS");
    assertThat(decide(roster).get("notifyPerson")).isEqualTo(false);
  }

  @ParameterizedTest(name = "{0}, magistrate probable cause {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      SERIOUS_OR_VIOLENT_FELONY_CONVICTION    | false | ELIGIBLE     | Gov. Code 7282.5(a)(1)
      STATE_PRISON_FELONY_CONVICTION          | false | ELIGIBLE     | Gov. Code 7282.5(a)(2)
      LISTED_MISDEMEANOR_WITHIN_5_YEARS       | false | ELIGIBLE     | Gov. Code 7282.5(a)(3)
      LISTED_FELONY_WITHIN_15_YEARS           | false | ELIGIBLE     | Gov. Code 7282.5(a)(3)
      SEX_OR_ARSON_REGISTRANT                 | false | ELIGIBLE     | Gov. Code 7282.5(a)(4)
      FEDERAL_AGGRAVATED_FELONY_CONVICTION    | false | ELIGIBLE     | Gov. Code 7282.5(a)(5)
      FEDERAL_FELONY_ARREST_WARRANT           | false | ELIGIBLE     | Gov. Code 7282.5(a)(6)
      CURRENT_SERIOUS_OR_PRISON_FELONY_CHARGE | true  | ELIGIBLE     | Gov. Code 7282.5(b)
      CURRENT_SERIOUS_OR_PRISON_FELONY_CHARGE | false | NOT_ELIGIBLE | Gov. Code 7282.5(b)
      NONE_APPLIES                            | true  | NOT_ELIGIBLE | Gov. Code 7282.5
      NOT_ASSESSED                            | false | NOT_ASSESSED | Gov. Code 7282.5
      """)
  void eachTrustActCriterionGivesItsOutcome(String criterion, boolean probableCause, String outcome, String clause) {
    Map<String, Object> in = Map.of("trustCriterion", criterion, "magistrateProbableCause", probableCause);
    var result = engine.evaluateDecisionTable(trust, Variables.fromMap(in));
    assertThat(result.getResultList()).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).containsEntry("trustOutcome", outcome)
        .containsEntry("trustClause", clause);
  }
}
