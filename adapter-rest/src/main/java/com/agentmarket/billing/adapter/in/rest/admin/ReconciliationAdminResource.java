package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.reconciliation.UsageWindow;
import com.agentmarket.billing.application.reconciliation.port.in.ReconcileUsage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/usage/reconciliation")
@ApplicationScoped
@RolesAllowed(Groups.ADMIN)
@Tag(name = "Admin: reconciliation", description = "Our reported usage against Stripe's meter, hour by hour")
@SecurityRequirement(name = "bearer")
public class ReconciliationAdminResource {

    /** Without {@code from}, the list starts this long before {@code to}. */
    private static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final ReconcileUsage reconcile;
    private final Caller caller;

    @Inject
    public ReconciliationAdminResource(ReconcileUsage reconcile, Caller caller) {
        this.reconcile = reconcile;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected ReconciliationAdminResource() {
        this(null, null);
    }

    /**
     * One customer's hour as last compared; times in unix seconds, {@code difference} is Stripe's figure minus ours
     * (negative: missing at Stripe).
     */
    @JsonbPropertyOrder({"customerId", "windowStart", "windowEnd", "ours", "stripe", "difference", "status"})
    public record WindowJson(String customerId, long windowStart, long windowEnd, long ours, long stripe, long difference,
            String status) {

        static WindowJson of(UsageWindow window) {
            long ours = window.ours().orElse(0L);
            long stripe = window.stripe().orElse(0L);
            return new WindowJson(window.customer().value(), window.start().getEpochSecond(), window.end().getEpochSecond(),
                    ours, stripe, stripe - ours, window.status().map(status -> status.code()).orElse(null));
        }
    }

    @JsonbPropertyOrder({"queued", "compared", "failed", "drift"})
    public record RunJson(int queued, int compared, int failed, long drift) {
    }

    /** The range {@code [from, to)} in unix seconds: {@code to} defaults to now, {@code from} to a week before it. */
    private static Instant[] range(String from, String to) {
        Instant end = to == null || to.isBlank() ? Instant.now() : Instant.ofEpochSecond(seconds("to", to));
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_RANGE) : Instant.ofEpochSecond(seconds("from", from));
        if (!start.isBefore(end)) {
            throw RequestContext.badParameter("from", "before to");
        }
        return new Instant[] {start, end};
    }

    private static long seconds(String name, String value) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0 && parsed <= Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw RequestContext.badParameter(name, "a time in unix seconds");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List reconciled hours",
            description = "Each customer's hours that start in [from, to) (unix seconds; default the last 7 days), as last "
                    + "compared with Stripe's meter summaries: differences first, then newest first. `status` is one of "
                    + "matched, missing-at-stripe, extra-at-stripe, corrected, needs-operator.")
    @APIResponse(responseCode = "200", description = "A page of hours")
    @APIResponse(responseCode = "400", description = "from/to/page/size malformed or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PageJson<WindowJson> windows(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Instant[] range = range(from, to);
        int[] bounds = PageJson.bounds(page, size);
        return PageJson.of(reconcile.windows(range[0], range[1], bounds[0], bounds[1]), WindowJson::of);
    }

    @POST
    @Path("/run")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reconcile now",
            description = "Compares every hour of [from, to) again now (unix seconds; default the last 7 days; only hours "
                    + "closed longer than BILLING_RECONCILE_LAG_MS ago and within Stripe's 35 days), and answers what the "
                    + "run did and the drift left. Audited.")
    @APIResponse(responseCode = "200", description = "What the run did")
    @APIResponse(responseCode = "400", description = "from/to malformed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public RunJson run(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] range = range(from, to);
        ReconcileUsage.Run run = reconcile.reconcile(range[0], range[1], caller.subject());
        return new RunJson(run.queued(), run.compared(), run.failed(), run.drift());
    }
}
