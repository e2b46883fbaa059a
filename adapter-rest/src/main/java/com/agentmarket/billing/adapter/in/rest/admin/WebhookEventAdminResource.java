package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.in.ManageWebhookEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/webhook-events")
@ApplicationScoped
@RolesAllowed(Groups.ADMIN)
@Tag(name = "Admin: webhook events", description = "The inbox of Stripe events, for operators")
@SecurityRequirement(name = "bearer")
public class WebhookEventAdminResource {

    private final ManageWebhookEvents manage;
    private final Caller caller;

    @Inject
    public WebhookEventAdminResource(ManageWebhookEvents manage, Caller caller) {
        this.manage = manage;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected WebhookEventAdminResource() {
        this(null, null);
    }

    /** A stored event and its processing; times in unix seconds. */
    @JsonbPropertyOrder({"eventId", "type", "livemode", "objectId", "status", "attempts", "outcome", "nextAttemptAt",
            "stripeCreated", "receivedAt", "processedAt"})
    public record WebhookEventJson(String eventId, String type, boolean livemode, String objectId, String status,
            int attempts, String outcome, Long nextAttemptAt, long stripeCreated, long receivedAt, Long processedAt) {

        static WebhookEventJson of(InboxEvent event) {
            return new WebhookEventJson(event.event().id(), event.event().type(), event.event().livemode(),
                    event.event().objectId().orElse(null), event.status().name().toLowerCase(Locale.ROOT), event.attempts(),
                    event.outcome().orElse(null), seconds(event.nextAttemptAt()), event.event().created().getEpochSecond(),
                    event.receivedAt().getEpochSecond(), seconds(event.processedAt()));
        }

        private static Long seconds(Optional<Instant> instant) {
            return instant.map(Instant::getEpochSecond).orElse(null);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List webhook events", description = "Newest first; `status` is received, processed, retrying or dead.")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "Unknown status, or page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PageJson<WebhookEventJson> list(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        int[] bounds = PageJson.bounds(page, size);
        return PageJson.of(manage.list(status(status), bounds[0], bounds[1]), WebhookEventJson::of);
    }

    @POST
    @Path("/{event_id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay a webhook event",
            description = "Processes the stored event again from scratch through the same idempotent handlers, which "
                    + "apply Stripe's current objects; a notification already sent is not sent again.")
    @APIResponse(responseCode = "200", description = "The event, due again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEventJson.class)))
    @APIResponse(responseCode = "404", description = "No such event", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WebhookEventJson replay(@PathParam("event_id") String eventId) {
        return WebhookEventJson.of(manage.replay(caller.subject(), eventId));
    }

    private static Optional<InboxEvent.Status> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(InboxEvent.Status.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(status.trim()))
                .findFirst()
                .map(Optional::of)
                .orElseThrow(() -> RequestContext.badParameter("status", "one of received, processed, retrying, dead"));
    }
}
