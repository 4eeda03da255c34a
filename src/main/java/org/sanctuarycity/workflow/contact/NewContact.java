package org.sanctuarycity.workflow.contact;

import java.time.OffsetDateTime;
import org.sanctuarycity.workflow.contact.ContactCodes.AgentsIdentified;
import org.sanctuarycity.workflow.contact.ContactCodes.ContactKind;
import org.sanctuarycity.workflow.contact.ContactCodes.FacesCovered;
import org.sanctuarycity.workflow.contact.ContactCodes.Identification;
import org.sanctuarycity.workflow.contact.ContactCodes.VehicleMarking;
import org.sanctuarycity.workflow.contact.ContactCodes.WarrantKind;
import org.sanctuarycity.workflow.policy.Agency;

/**
 * A contact with (people saying they are) federal immigration agents, as an officer or the desk reports it
 * through POST /api/contacts or the Tasklist start form. The location is block-level ("6500 block of Pacific
 * Blvd" or an intersection), never a home address. There is no field for anyone's immigration status.
 *
 * @param federalRequest optional: the contact included a request, to be turned into a federal request in the
 *     same step
 * @param agentsIdentified required: whether the agents identified themselves and their agency (SB 805)
 * @param facesCovered required: whether the agents' faces were covered (SB 627)
 */
public record NewContact(
    OffsetDateTime occurredAt,
    String locationBlock,
    ContactKind contactKind,
    Agency agencyClaimed,
    Identification identification,
    String identificationDetails,
    VehicleMarking vehiclesMarked,
    String vehicleDescription,
    Boolean requestMade,
    String agentsRequested,
    String staffAction,
    Boolean anyoneDetained,
    Integer detainedCount,
    Boolean warrantShown,
    WarrantKind warrantKind,
    ContactRequest federalRequest,
    AgentsIdentified agentsIdentified,
    FacesCovered facesCovered) {}
