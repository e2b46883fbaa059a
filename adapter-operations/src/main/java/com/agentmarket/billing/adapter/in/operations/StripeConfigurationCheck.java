package com.agentmarket.billing.adapter.in.operations;

import com.agentmarket.billing.application.plan.port.in.CheckPriceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The last check of the configured Stripe prices against the catalog (run by the background jobs after startup, and
 * again while Stripe cannot be asked) in the health details. Informational: it always reports UP, because readiness
 * depends on the database only; Stripe being down must not take the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class StripeConfigurationCheck implements HealthCheck {

    private final CheckPriceConfiguration priceCheck;

    @Inject
    public StripeConfigurationCheck(CheckPriceConfiguration priceCheck) {
        this.priceCheck = priceCheck;
    }

    /** For CDI's client proxy. */
    protected StripeConfigurationCheck() {
        this.priceCheck = null;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<CheckPriceConfiguration.Report> last = priceCheck.lastReport();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stripe").up();
        if (last.isEmpty()) {
            return response.withData("prices", "not checked yet").build();
        }
        CheckPriceConfiguration.Report report = last.get();
        response.withData("mode", report.stripeMode().name().toLowerCase(Locale.ROOT))
                .withData("prices", report.status().name().toLowerCase(Locale.ROOT));
        for (int i = 0; i < report.problems().size(); i++) {
            response.withData("problem." + (i + 1), report.problems().get(i));
        }
        return response.build();
    }
}
