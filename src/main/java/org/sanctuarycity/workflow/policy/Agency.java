package org.sanctuarycity.workflow.policy;

/** The federal agency a request or contact comes from. */
public enum Agency {
  ICE_ERO,
  ICE_HSI,
  CBP,
  USCIS,
  FBI,
  DEA,
  ATF,
  USMS,
  DHS_OTHER,
  OTHER_FEDERAL
}
