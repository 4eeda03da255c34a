package org.sanctuarycity.workflow.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Deadlines and shares the city attorney can change in configuration (app.policy.*). */
@ConfigurationProperties("app.policy")
public record PolicyProperties(
    @DefaultValue("240") int replyWaitHours,
    @DefaultValue("0.5") double verificationShare,
    // Hours after a final decision by which the desk sends the response and gives the person the notice; for a
    // person in custody never later than their scheduled release.
    @DefaultValue("24") int responseHours,
    @DefaultValue("24") int noticeHours) {

  public PolicyProperties {
    if (replyWaitHours < 1) {
      throw new IllegalArgumentException("app.policy.reply-wait-hours must be at least 1");
    }
    if (responseHours < 1 || noticeHours < 1) {
      throw new IllegalArgumentException("app.policy.response-hours and notice-hours must be at least 1");
    }
    if (verificationShare <= 0 || verificationShare >= 1) {
      throw new IllegalArgumentException("app.policy.verification-share must be between 0 and 1");
    }
  }
}
