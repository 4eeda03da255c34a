package org.sanctuarycity.workflow.response;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Wording of drafted responses (app.responses.*), set by the city attorney in configuration.
 * Placeholders: {city} {ordinance} {reference} {agency} {requestType} {receivedDate} {legalBasis}
 * {legalBasisCode} {items}. No placeholder carries personal data.
 */
@ConfigurationProperties("app.responses")
public record ResponseTemplates(String decline, String comply, String complyLimited, String noResponsiveRecords) {}
