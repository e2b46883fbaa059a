package com.agentmarket.billing.adapter.in.rest.plan;

import com.agentmarket.billing.adapter.in.rest.shared.MoneyJson;
import com.agentmarket.billing.application.plan.port.in.ListPlans;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PriceId;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/billing/plans")
@ApplicationScoped
@Tag(name = "Plans", description = "The tiers on sale")
public class PlanResource {

    private final ListPlans listPlans;

    @Inject
    public PlanResource(ListPlans listPlans) {
        this.listPlans = listPlans;
    }

    /** For CDI's client proxy. */
    protected PlanResource() {
        this.listPlans = null;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the plans",
            description = "The four tiers, cheapest first. `executions_per_month` is null for unlimited; `price_id` is "
                    + "the Stripe price to pass to checkout, null for Free or a tier not on sale. Public.")
    @APIResponse(responseCode = "200", description = "The plans",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PlanJson.class)))
    public List<PlanJson> plans() {
        return listPlans.plans().stream().map(PlanJson::of).toList();
    }

    /** One tier, as the frontend shows it. */
    @JsonbPropertyOrder({"id", "name", "amount", "currency", "interval", "executionsPerMonth", "features", "priceId"})
    public record PlanJson(String id, String name, BigDecimal amount, String currency, String interval,
            Long executionsPerMonth, List<String> features, String priceId) {

        static PlanJson of(Plan plan) {
            return new PlanJson(plan.id().code(), plan.name(), MoneyJson.major(plan.monthlyPrice()),
                    plan.monthlyPrice().currency(), plan.interval(),
                    plan.quota().limit().isPresent() ? plan.quota().limit().getAsLong() : null,
                    plan.features(), plan.priceId().map(PriceId::value).orElse(null));
        }
    }
}
