package com.agentmarket.billing.adapter.in.rest.subscription;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.subscription.port.in.CancelSubscription;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.in.ResumeSubscription;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
    private final CancelSubscription cancelSubscription;
    private final ResumeSubscription resumeSubscription;
    private final Caller caller;

    @Inject
    public SubscriptionResource(GetMySubscription getMySubscription, CancelSubscription cancelSubscription,
            ResumeSubscription resumeSubscription, Caller caller) {
        this.getMySubscription = getMySubscription;
        this.cancelSubscription = cancelSubscription;
        this.resumeSubscription = resumeSubscription;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected SubscriptionResource() {
        this(null, null, null, null);
    }

    /** The guide's answer to a cancellation. */
    @JsonbPropertyOrder({"message", "cancelAt"})
    public record CancellationJson(String message, long cancelAt) {
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

    @POST
    @Path("/cancel")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel my subscription at period end",
            description = "Sets `cancel_at_period_end` in Stripe: the plan stays until `cancel_at`. Cancelling an already "
                    + "cancelling subscription changes nothing. Each call is its own action unless retried with the same "
                    + "`Idempotency-Key`.")
    @APIResponse(responseCode = "200", description = "When the subscription ends",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CancellationJson.class)))
    @APIResponse(responseCode = "404", description = "No subscription", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "stripe-unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CancellationJson cancel(@HeaderParam("Idempotency-Key") String idempotencyKey) {
        CancelSubscription.CancellationScheduled scheduled = cancelSubscription.cancelAtPeriodEnd(caller.customerId(),
                RequestContext.idempotencyKey(idempotencyKey));
        return new CancellationJson("Subscription will be cancelled at period end", scheduled.cancelAt().getEpochSecond());
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume my subscription",
            description = "Undoes a scheduled cancellation (`cancel_at_period_end=false` in Stripe); a `paused` "
                    + "subscription is resumed with Stripe's resume call instead. With nothing to undo, answers the "
                    + "subscription as it is. An ended subscription cannot be resumed (409): subscribe again.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionJson.class)))
    @APIResponse(responseCode = "404", description = "No subscription", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "not-resumable", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SubscriptionJson resume(@HeaderParam("Idempotency-Key") String idempotencyKey) {
        return SubscriptionJson.of(resumeSubscription.resume(caller.customerId(), RequestContext.idempotencyKey(idempotencyKey)));
    }
}
