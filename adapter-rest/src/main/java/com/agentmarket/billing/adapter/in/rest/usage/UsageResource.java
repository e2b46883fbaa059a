package com.agentmarket.billing.adapter.in.rest.usage;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.application.usage.port.in.GetMyUsage;
import com.agentmarket.billing.application.usage.port.in.UsageView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/billing/usage")
@ApplicationScoped
@Tag(name = "Usage", description = "Agent executions against the plan's quota")
@SecurityRequirement(name = "bearer")
public class UsageResource {

    private final GetMyUsage getMyUsage;
    private final Caller caller;

    @Inject
    public UsageResource(GetMyUsage getMyUsage, Caller caller) {
        this.getMyUsage = getMyUsage;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected UsageResource() {
        this(null, null);
    }

    @GET
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get my usage",
            description = "Executions used in the current billing period (the calendar month on Free) against the "
                    + "plan that applies now. `limit` and `remaining` are null when unlimited.")
    @APIResponse(responseCode = "200", description = "The usage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageJson.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token is not a customer's")
    public UsageJson myUsage() {
        return UsageJson.of(getMyUsage.myUsage(caller.customerId()));
    }

    /** Usage in the current period; times in unix seconds. */
    @JsonbPropertyOrder({"plan", "used", "limit", "remaining", "periodStart", "periodEnd"})
    public record UsageJson(String plan, long used, Long limit, Long remaining, long periodStart, long periodEnd) {

        public static UsageJson of(UsageView view) {
            return new UsageJson(view.plan().code(), view.usage().used(), boxed(view.usage().limit()),
                    boxed(view.usage().remaining()), view.usage().period().start().getEpochSecond(),
                    view.usage().period().end().getEpochSecond());
        }

        private static Long boxed(OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : null;
        }
    }
}
