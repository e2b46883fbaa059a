package com.agentmarket.billing.adapter.in.rest.checkout;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.adapter.in.rest.subscription.SubscriptionJson;
import com.agentmarket.billing.application.checkout.port.in.CheckoutStarted;
import com.agentmarket.billing.application.checkout.port.in.ConfirmCheckout;
import com.agentmarket.billing.application.checkout.port.in.StartCheckout;
import com.agentmarket.billing.application.checkout.port.in.StartCheckoutCommand;
import com.agentmarket.billing.domain.plan.PriceId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/billing/checkout/session")
@ApplicationScoped
@Tag(name = "Checkout", description = "Buying a paid plan through Stripe Checkout")
@SecurityRequirement(name = "bearer")
public class CheckoutResource {

    private final StartCheckout startCheckout;
    private final ConfirmCheckout confirmCheckout;
    private final Caller caller;

    @Inject
    public CheckoutResource(StartCheckout startCheckout, ConfirmCheckout confirmCheckout, Caller caller) {
        this.startCheckout = startCheckout;
        this.confirmCheckout = confirmCheckout;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected CheckoutResource() {
        this(null, null, null);
    }

    /** The guide's request body. */
    public record CheckoutSessionRequest(
            @NotBlank @Size(max = 255) String priceId,
            @NotBlank @Size(max = 2048) String successUrl,
            @NotBlank @Size(max = 2048) String cancelUrl) {
    }

    /** Where to send the browser: Stripe's hosted Checkout page at {@code url}. */
    @JsonbPropertyOrder({"sessionId", "url"})
    public record CheckoutSessionJson(String sessionId, String url) {
    }

    @POST
    @RolesAllowed(Groups.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a checkout session",
            description = "A Stripe Checkout Session (mode subscription) for one of the plans' `price_id`s. Redirect the "
                    + "browser to the returned `url` (Stripe.js `redirectToCheckout` no longer exists). `success_url` and "
                    + "`cancel_url` must be on an allowed origin; `{CHECKOUT_SESSION_ID}` may appear in `success_url`. "
                    + "A retry with the same `Idempotency-Key` (or the same request within 30 minutes) returns the same "
                    + "session.")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckoutSessionJson.class)))
    @APIResponse(responseCode = "400", description = "unknown-price, redirect-not-allowed or invalid-request",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "already-subscribed: change the plan in the customer portal",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "stripe-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CheckoutSessionJson createSession(@NotNull @Valid CheckoutSessionRequest request,
            @Parameter(description = "Makes a retry safe: the same key and body return the first answer")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        PriceId price = RequestContext.priceId(request.priceId());
        CheckoutStarted started = startCheckout.start(new StartCheckoutCommand(caller.customerId(), caller.email(), price,
                request.successUrl(), request.cancelUrl(), RequestContext.idempotencyKey(idempotencyKey)));
        return new CheckoutSessionJson(started.sessionId(), started.url());
    }

    @GET
    @Path("/{session_id}")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a checkout",
            description = "For the checkout success page: syncs the session's subscription from Stripe now, without "
                    + "waiting for the webhook, and answers the caller's subscription. Another customer's session is 404.")
    @APIResponse(responseCode = "200", description = "The caller's subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionJson.class)))
    @APIResponse(responseCode = "404", description = "No such session for the caller", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SubscriptionJson confirm(@PathParam("session_id") String sessionId) {
        return SubscriptionJson.of(confirmCheckout.confirm(caller.customerId(), sessionId));
    }
}
