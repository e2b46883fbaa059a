package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.application.usage.UnreportedUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.application.usage.port.in.InspectUsageBacklog;
import com.agentmarket.billing.application.usage.port.in.ReportUsage;
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
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/usage")
@ApplicationScoped
@RolesAllowed(Groups.ADMIN)
@Tag(name = "Admin: usage", description = "Usage not yet accepted by Stripe's meter")
@SecurityRequirement(name = "bearer")
public class UsageAdminResource {

    private final InspectUsageBacklog backlog;
    private final ReportUsage reportUsage;
    private final Caller caller;

    @Inject
    public UsageAdminResource(InspectUsageBacklog backlog, ReportUsage reportUsage, Caller caller) {
        this.backlog = backlog;
        this.reportUsage = reportUsage;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected UsageAdminResource() {
        this(null, null, null);
    }

    /** One customer's usage not yet accepted by Stripe; {@code oldest} in unix seconds. */
    @JsonbPropertyOrder({"customerId", "executions", "unsentReports", "failedReports", "oldest", "lastError"})
    public record UnreportedJson(String customerId, long executions, long unsentReports, long failedReports, Long oldest,
            String lastError) {

        static UnreportedJson of(UnreportedUsage unreported) {
            return new UnreportedJson(unreported.customer().value(), unreported.executions(), unreported.unsentReports(),
                    unreported.failedReports(), unreported.oldest().map(Instant::getEpochSecond).orElse(null),
                    unreported.lastError().orElse(null));
        }
    }

    /** The whole backlog; {@code oldest_age_seconds} matters: Stripe only accepts events up to 35 days old. */
    @JsonbPropertyOrder({"executions", "unsentReports", "failedReports", "oldest", "oldestAgeSeconds"})
    public record BacklogJson(long executions, long unsentReports, long failedReports, Long oldest, Long oldestAgeSeconds) {

        static BacklogJson of(UsageBacklog backlog) {
            Long oldest = backlog.oldest().map(Instant::getEpochSecond).orElse(null);
            return new BacklogJson(backlog.executions(), backlog.unsentReports(), backlog.failedReports(), oldest,
                    oldest == null ? null : Instant.now().getEpochSecond() - oldest);
        }
    }

    @JsonbPropertyOrder({"executionsGrouped", "sent", "failed", "backlog"})
    public record ReportRunJson(int executionsGrouped, int sent, int failed, BacklogJson backlog) {
    }

    @GET
    @Path("/unreported")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List unreported usage", description = "Customers with usage not yet accepted by Stripe, oldest first.")
    @APIResponse(responseCode = "200", description = "A page of customers")
    @APIResponse(responseCode = "400", description = "page/size out of range", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PageJson<UnreportedJson> unreported(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        int[] bounds = PageJson.bounds(page, size);
        return PageJson.of(backlog.unreported(bounds[0], bounds[1]), UnreportedJson::of);
    }

    @POST
    @Path("/report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report usage now",
            description = "Makes every waiting report due and sends what Stripe accepts now; returns what happened and the "
                    + "backlog left.")
    @APIResponse(responseCode = "200", description = "What the run did")
    public ReportRunJson reportNow() {
        ReportUsage.Round round = reportUsage.reportNow(caller.subject());
        return new ReportRunJson(round.executionsGrouped(), round.sent(), round.failed(), BacklogJson.of(backlog.backlog()));
    }
}
