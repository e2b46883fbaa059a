package com.agentmarket.billing.adapter.in.rest.webhook;

import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.ProblemType;
import com.agentmarket.billing.adapter.in.rest.shared.RestMetrics;
import com.agentmarket.billing.application.webhook.port.in.ReceiveWebhook;
import com.agentmarket.billing.application.webhook.port.out.WebhookVerifier;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Stripe's webhook endpoint. The body is read as raw bytes, never re-parsed before the signature is checked, and
 * stored in the inbox before answering; processing happens afterwards, so Stripe gets its 2xx at once.
 */
@Path("/billing/webhook")
@ApplicationScoped
@Tag(name = "Webhook", description = "Stripe's signed event deliveries")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());

    private final ReceiveWebhook receiveWebhook;
    private final RestMetrics metrics;
    private final long maxBytes;

    @Inject
    public WebhookResource(ReceiveWebhook receiveWebhook, RestMetrics metrics, WebhookLimits limits) {
        this.receiveWebhook = receiveWebhook;
        this.metrics = metrics;
        this.maxBytes = limits == null ? 0 : limits.maxBytes();
    }

    /** For CDI's client proxy. */
    protected WebhookResource() {
        this(null, null, null);
    }

    /** The answer Stripe gets: accepted, and whether it had been delivered before. */
    @JsonbPropertyOrder({"received", "eventId", "duplicate"})
    public record ReceiptJson(boolean received, String eventId, boolean duplicate) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Stripe event",
            description = "For Stripe only. Verifies `Stripe-Signature` (HMAC-SHA256 over the raw body, 300 s tolerance, "
                    + "any configured secret) and stores the event by its id; a redelivery is acknowledged and changes "
                    + "nothing. The event is processed asynchronously.")
    @APIResponse(responseCode = "200", description = "Stored (or already stored)")
    @APIResponse(responseCode = "400", description = "invalid-signature: missing, forged or stale signature, or not an event",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "payload-too-large: over BILLING_WEBHOOK_MAX_BYTES",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response receive(InputStream body, @HeaderParam("Stripe-Signature") String signature,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) throws IOException {
        if (contentLength != null && contentLength > maxBytes) {
            return tooLarge();
        }
        byte[] payload = body.readNBytes(Math.toIntExact(Math.min(maxBytes + 1, Integer.MAX_VALUE - 8)));
        if (payload.length > maxBytes) {
            return tooLarge();
        }
        try {
            ReceiveWebhook.Receipt receipt = receiveWebhook.receive(payload, signature);
            metrics.webhookReceived(receipt.duplicate() ? "duplicate" : "stored");
            return Response.ok(new ReceiptJson(true, receipt.eventId(), receipt.duplicate())).build();
        } catch (WebhookVerifier.InvalidWebhookException refused) {
            LOG.warning(() -> "Refused a webhook delivery: " + refused.getMessage());
            metrics.webhookReceived("refused");
            return Problem.of(ProblemType.INVALID_SIGNATURE, refused.getMessage()).toResponse();
        }
    }

    private Response tooLarge() {
        return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "Webhook bodies are limited to " + maxBytes + " bytes.").toResponse();
    }
}
