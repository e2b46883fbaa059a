package com.agentmarket.billing.adapter.in.rest.caller;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the bearer token says the caller is, as this service reads it: for a page to check a pasted token before
 * using it, and for the benchmark's figure of an authenticated request that touches no database.
 */
@Path("/me")
@ApplicationScoped
@Tag(name = "Caller", description = "The verified bearer token's holder")
@SecurityRequirement(name = "bearer")
public class CallerResource {

    private final Caller caller;

    @Inject
    public CallerResource(Caller caller) {
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected CallerResource() {
        this(null);
    }

    /** The token's subject, e-mail (null when none) and groups, sorted. */
    @JsonbPropertyOrder({"subject", "email", "groups"})
    public record CallerJson(String subject, String email, List<String> groups) {
    }

    @GET
    @RolesAllowed({Groups.CUSTOMER, Groups.RECORDER, Groups.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who am I", description = "The verified token's subject, e-mail and groups. Reads no data.")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public CallerJson me() {
        return new CallerJson(caller.subject(), caller.email().map(email -> email.value()).orElse(null),
                caller.groups().stream().sorted().toList());
    }
}
