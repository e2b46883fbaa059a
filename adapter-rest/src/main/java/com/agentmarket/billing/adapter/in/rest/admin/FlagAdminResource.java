package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.flag.port.in.ReviewFlags;
import com.agentmarket.billing.domain.customer.CustomerId;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the service flagged for operators instead of deciding alone, and marking it dealt with. */
@Path("/admin/flags")
@ApplicationScoped
@RolesAllowed(Groups.ADMIN)
@Tag(name = "Admin: flags", description = "Duplicate subscriptions canceled, unknown prices, unverified checkouts")
@SecurityRequirement(name = "bearer")
public class FlagAdminResource {

    private final ReviewFlags flags;
    private final Caller caller;

    @Inject
    public FlagAdminResource(ReviewFlags flags, Caller caller) {
        this.flags = flags;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected FlagAdminResource() {
        this(null, null);
    }

    /**
     * A flag; times in unix seconds.
     *
     * @param kind {@code duplicate_subscription}, {@code unknown_subscription_price} or {@code unverified_checkout}
     * @param subject the Stripe object it is about
     */
    @JsonbPropertyOrder({"id", "kind", "subject", "customerId", "detail", "raisedAt", "resolvedAt", "resolvedBy"})
    public record FlagJson(long id, String kind, String subject, String customerId, String detail, long raisedAt,
            Long resolvedAt, String resolvedBy) {

        static FlagJson of(OperatorFlag flag) {
            return new FlagJson(flag.id(), flag.kind().code(), flag.subject(),
                    flag.customer().map(CustomerId::value).orElse(null), flag.detail(), flag.raisedAt().getEpochSecond(),
                    flag.resolvedAt().map(Instant::getEpochSecond).orElse(null), flag.resolvedBy().orElse(null));
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List flags", description = "Newest first; `status` is open (the default), resolved or all.")
    @APIResponse(responseCode = "200", description = "A page of flags")
    @APIResponse(responseCode = "400", description = "Unknown status, or page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PageJson<FlagJson> list(@QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        int[] bounds = PageJson.bounds(page, size);
        Optional<OperatorFlag.State> state = switch (status.trim()) {
            case "open" -> Optional.of(OperatorFlag.State.OPEN);
            case "resolved" -> Optional.of(OperatorFlag.State.RESOLVED);
            case "all" -> Optional.empty();
            default -> throw RequestContext.badParameter("status", "one of open, resolved, all");
        };
        return PageJson.of(flags.list(state, bounds[0], bounds[1]), FlagJson::of);
    }

    @POST
    @Path("/{id}/resolve")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a flag", description = "Marks the flag dealt with (audited); raising it again opens it "
            + "again. Resolving a resolved flag changes nothing.")
    @APIResponse(responseCode = "200", description = "The flag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FlagJson.class)))
    @APIResponse(responseCode = "404", description = "No such flag", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public FlagJson resolve(@PathParam("id") String id) {
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            throw RequestContext.badParameter("id", "a flag's number");
        }
        return FlagJson.of(flags.resolve(caller.subject(), parsed));
    }
}
