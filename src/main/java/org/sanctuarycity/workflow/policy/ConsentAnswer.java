package org.sanctuarycity.workflow.policy;

/** The person's answer to the TRUTH Act interview consent form (Gov. Code 7283.1(a)). */
public enum ConsentAnswer {
  GIVEN,
  ONLY_WITH_ATTORNEY,
  DECLINED
}
