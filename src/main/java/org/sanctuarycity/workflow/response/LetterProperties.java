package org.sanctuarycity.workflow.response;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Letterhead of the printed letters (app.letters); the wording is in letters/letters_<language>.properties. */
@ConfigurationProperties("app.letters")
public record LetterProperties(
    @DefaultValue("Office of the City Attorney") String office,
    @DefaultValue({}) List<String> address,
    // Where the person's notice tells them to file a complaint.
    @DefaultValue("/complaints/new") String complaintsUrl) {}
