package org.sanctuarycity.workflow.consent;

/**
 * The languages the written consent form must be available in (Gov. Code 7283.1(a)): English, Spanish, Chinese,
 * Tagalog, Vietnamese and Korean. Each has its wording in truth-act/consent-form_&lt;code&gt;.properties.
 */
public enum FormLanguage {
  EN,
  ES,
  ZH,
  TL,
  VI,
  KO
}
