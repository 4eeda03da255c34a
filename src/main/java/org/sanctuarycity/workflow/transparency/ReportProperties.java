package org.sanctuarycity.workflow.transparency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Public report settings the city attorney decides.
 *
 * @param smallCountThreshold counts from 1 up to this number minus one are shown as "fewer than N", so
 *     that a small number cannot point to a person; 0 (the default) shows exact counts
 */
@ConfigurationProperties("app.transparency.report")
public record ReportProperties(@DefaultValue("0") int smallCountThreshold) {}
