package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.application.work.WorkBacklog;
import com.agentmarket.billing.application.work.port.in.InspectDueWork;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/work")
@ApplicationScoped
@RolesAllowed(Groups.ADMIN)
@Tag(name = "Admin: background work", description = "Every kind of durable due work in one view")
@SecurityRequirement(name = "bearer")
public class WorkAdminResource {

    private final InspectDueWork work;

    @Inject
    public WorkAdminResource(InspectDueWork work) {
        this.work = work;
    }

    /** For CDI's client proxy. */
    protected WorkAdminResource() {
        this(null);
    }

    /** One kind of work: {@code oldest} (unix seconds) is when the oldest open item was queued. */
    @JsonbPropertyOrder({"kind", "waiting", "retrying", "dead", "oldest", "oldestAgeSeconds"})
    public record WorkJson(String kind, long waiting, long retrying, long dead, Long oldest, long oldestAgeSeconds) {

        static WorkJson of(WorkBacklog backlog, Instant now) {
            return new WorkJson(backlog.kind().label(), backlog.waiting(), backlog.retrying(), backlog.dead(),
                    backlog.oldest().map(Instant::getEpochSecond).orElse(null), backlog.oldestAgeSeconds(now));
        }
    }

    @JsonbPropertyOrder({"items"})
    public record WorkListJson(List<WorkJson> items) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The backlog of each kind of background work: webhook events, notifications, usage reports")
    public WorkListJson list() {
        Instant now = Instant.now();
        return new WorkListJson(work.backlogs().stream().map(backlog -> WorkJson.of(backlog, now)).toList());
    }
}
