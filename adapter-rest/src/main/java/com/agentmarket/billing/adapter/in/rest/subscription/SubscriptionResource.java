package com.agentmarket.billing.adapter.in.rest.subscription;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/billing/subscription")
@ApplicationScoped
@Tag(name = "Subscription", description = "The caller's subscription")
@SecurityRequirement(name = "bearer")
public class SubscriptionResource {

    private final GetMySubscription getMySubscription;
    private final Caller caller;

    @Inject
    public SubscriptionResource(GetMySubscription getMySubscription, Caller caller) {
        this.getMySubscription = getMySubscription;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected SubscriptionResource() {
        this(null, null);
    }

    @GET
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get my subscription",
            description = "The caller's Stripe subscription once one exists and has not ended. On Free: `id` null, "
                    + "`status` active, `plan_name` Free, `plan_amount` 0.00 and the calendar month (UTC) as period.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionJson.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token is not a customer's")
    public SubscriptionJson mySubscription() {
        return SubscriptionJson.of(getMySubscription.mySubscription(caller.customerId()));
    }
}
