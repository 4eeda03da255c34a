package org.sanctuarycity.workflow.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The city this installation serves, named in responses and on public pages. */
@ConfigurationProperties("app.city")
public record CityProperties(
    @DefaultValue("City of Huntington Park") String name,
    @DefaultValue("Ordinance No. 2025-06") String ordinance,
    // Times typed without a zone (Tasklist date pickers) are read in the city's zone.
    @DefaultValue("America/Los_Angeles") java.time.ZoneId zone,
    // Optional logo for Tasklist, Cockpit and Admin: a path on this server such as /assets/city-logo.png
    // (the web apps' Content-Security-Policy allows images from this origin only).
    String logoUrl) {}
