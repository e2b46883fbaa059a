package com.agentmarket.billing.adapter.in.rest.subscription;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.MoneyJson;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.ProblemType;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.subscription.port.in.CancelSubscription;
import com.agentmarket.billing.application.subscription.port.in.ChangePlan;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.in.PlanChangePreview;
import com.agentmarket.billing.application.subscription.port.in.PreviewPlanChange;
import com.agentmarket.billing.application.subscription.port.in.ResumeSubscription;
import com.agentmarket.billing.domain.plan.PriceId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    private final PreviewPlanChange previewPlanChange;
    private final ChangePlan changePlan;
    private final Caller caller;

    @Inject
    public SubscriptionResource(GetMySubscription getMySubscription, CancelSubscription cancelSubscription,
            ResumeSubscription resumeSubscription, PreviewPlanChange previewPlanChange, ChangePlan changePlan,
            Caller caller) {
        this.getMySubscription = getMySubscription;
        this.cancelSubscription = cancelSubscription;
        this.resumeSubscription = resumeSubscription;
        this.previewPlanChange = previewPlanChange;
        this.changePlan = changePlan;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected SubscriptionResource() {
        this(null, null, null, null, null, null);
    }

    /** The plan to change to, by the price that sells it. */
    public record PlanChangeRequest(@NotBlank @Size(max = 255) String priceId) {
    }

    @POST
    @Path("/change")
    @RolesAllowed(Groups.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my plan",
            description = "An upgrade (a more expensive tier) takes effect now: the proration is invoiced and charged at "
                    + "once (`proration_behavior=always_invoice`); if the card is declined the plan stays as it is "
                    + "(`payment_behavior=pending_if_incomplete`, 402). The new quota applies at once; usage so far this "
                    + "period counts; the period does not restart. A downgrade takes effect at the end of the period "
                    + "through a Stripe subscription schedule and shows as `pending_change` until then. The current "
                    + "plan's price again drops a pending downgrade. Free is reached by cancelling.")
    @APIResponse(responseCode = "200", description = "The subscription, with `pending_change`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionJson.class)))
    @APIResponse(responseCode = "400", description = "unknown-price or invalid-request",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "402", description = "payment-declined: the upgrade's payment failed, the plan is unchanged",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "not-subscribed (use checkout), change-pending (an upgrade waits "
            + "for its payment) or cancellation-scheduled (resume first)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "stripe-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SubscriptionJson change(@NotNull @Valid PlanChangeRequest request,
            @Parameter(description = "Makes a retry safe: no Stripe write is repeated")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return SubscriptionJson.of(changePlan.changePlan(caller.customerId(), RequestContext.priceId(request.priceId()),
                RequestContext.idempotencyKey(idempotencyKey)));
    }


    /** What a plan change would cost: amounts in major units, {@code next_invoice_at} in unix seconds. */
    @JsonbPropertyOrder({"priceId", "plan", "effective", "amountDueNow", "currency", "nextInvoiceAmount", "nextInvoiceAt"})
    public record PlanChangePreviewJson(String priceId, String plan, String effective, BigDecimal amountDueNow,
            String currency, BigDecimal nextInvoiceAmount, long nextInvoiceAt) {

        static PlanChangePreviewJson of(PlanChangePreview preview) {
            return new PlanChangePreviewJson(preview.price().value(), preview.plan().id().code(),
                    preview.effective() == PlanChangePreview.Effective.NOW ? "now" : "period_end",
                    MoneyJson.major(preview.amountDueNow()), preview.nextInvoiceAmount().currency(),
                    MoneyJson.major(preview.nextInvoiceAmount()), preview.nextInvoiceAt().getEpochSecond());
        }
    }

    @GET
    @Path("/change-preview")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a plan change",
            description = "What changing to `price_id` would cost, from Stripe's invoice preview: an upgrade takes effect "
                    + "now with the proration due at once, a downgrade at the end of the period. Nothing changes.")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "400", description = "A price that is not on sale (unknown-price)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "No paid subscription to change (not-subscribed): use checkout",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PlanChangePreviewJson changePreview(@QueryParam("price_id") String priceId) {
        if (priceId == null || priceId.isBlank()) {
            throw new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST, "price_id: must not be blank")
                    .toResponse());
        }
        return PlanChangePreviewJson.of(previewPlanChange.preview(caller.customerId(), RequestContext.priceId(priceId)));
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
