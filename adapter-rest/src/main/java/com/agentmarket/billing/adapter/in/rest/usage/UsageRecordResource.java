package com.agentmarket.billing.adapter.in.rest.usage;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.usage.port.in.RecordUsage;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's usage recording, on top of Billing Meters (usage records no longer exist in Stripe). */
@Path("/billing/usage/record")
@ApplicationScoped
@Tag(name = "Usage")
@SecurityRequirement(name = "bearer")
public class UsageRecordResource {

    private final RecordUsage recordUsage;
    private final Caller caller;

    @Inject
    public UsageRecordResource(RecordUsage recordUsage, Caller caller) {
        this.recordUsage = recordUsage;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected UsageRecordResource() {
        this(null, null);
    }

    /**
     * The guide's body; {@code timestamp} in unix seconds (default now), {@code action} {@code increment}. Numbers are
     * read exactly, so a fraction or a number beyond a whole {@code long} is refused rather than rounded.
     */
    public record UsageRecordRequest(@NotNull BigDecimal quantity, BigDecimal timestamp, String action) {
    }

    /** Queued for Stripe's meter under {@code id}. */
    @JsonbPropertyOrder({"id", "subscriptionItemId", "quantity", "timestamp", "action", "duplicate"})
    public record UsageRecordJson(String id, String subscriptionItemId, long quantity, long timestamp, String action,
            boolean duplicate) {
    }

    @POST
    @RolesAllowed({Groups.CUSTOMER, Groups.RECORDER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record usage for a subscription item",
            description = "Queues an increment for Stripe's Billing Meter (meter events replaced usage records). "
                    + "`action: set` is 422: meters only add up. `timestamp` must be within the last 35 days and at most "
                    + "5 minutes ahead. The item must belong to the caller, unless the token is billing-recorder.")
    @APIResponse(responseCode = "202", description = "Queued for the meter")
    @APIResponse(responseCode = "400", description = "invalid-request or timestamp-out-of-range",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such item of the caller", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "set-not-supported", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response record(@QueryParam("subscription_item_id") String itemId, @NotNull @Valid UsageRecordRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Context SecurityContext security) {
        if (itemId == null || itemId.isBlank()) {
            throw RequestContext.badParameter("subscription_item_id", "a Stripe subscription item id (si_...)");
        }
        boolean recorder = security.isUserInRole(Groups.RECORDER);
        RecordUsage.RecordedUsage recorded = recordUsage.record(new RecordUsage.RecordUsageCommand(
                recorder ? Optional.empty() : Optional.of(caller.customerId()), new SubscriptionItemId(itemId),
                RequestContext.wholeNumber("quantity", request.quantity()),
                request.timestamp() == null ? OptionalLong.empty()
                        : OptionalLong.of(RequestContext.wholeNumber("timestamp", request.timestamp())),
                Optional.ofNullable(request.action()).orElse("increment"), RequestContext.clientKey(caller, idempotencyKey)));
        return Response.accepted(new UsageRecordJson(recorded.identifier(), recorded.item().value(), recorded.quantity(),
                recorded.timestamp().getEpochSecond(), "increment", recorded.duplicate())).build();
    }
}
