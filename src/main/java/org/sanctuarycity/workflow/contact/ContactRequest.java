package org.sanctuarycity.workflow.contact;

import java.util.List;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.RequestType;

/**
 * The request made during a contact, turned into a federal request. Agency and time come from the contact;
 * the requester defaults to the identification the agents gave, the summary to what they asked for.
 */
public record ContactRequest(
    RequestType requestType,
    Channel channel,
    NewRequest.Requester requester,
    NewRequest.Subject subject,
    List<NewRequest.Document> documents,
    String summary) {}
