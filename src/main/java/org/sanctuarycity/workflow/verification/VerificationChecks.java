package org.sanctuarycity.workflow.verification;

import org.sanctuarycity.workflow.policy.WarrantFinding;

/** The checks of docs/domain.md, "Warrant verification checks", as the verifier answered them. */
public record VerificationChecks(
    String issuingBody,
    String signer,
    String formNumberCheck,
    String legalBasisCheck,
    boolean particularityOk,
    boolean notExpired,
    boolean federalCriminalLaw,
    boolean callbackDone,
    boolean badgeChecked,
    boolean supervisorConfirmed,
    WarrantFinding warrantFinding,
    boolean requesterVerified) {}
