package com.agentmarket.billing.adapter.in.rest.operations;

import com.agentmarket.billing.application.plan.port.in.CheckPriceConfiguration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Checks the configured Stripe prices against the catalog after startup, in the background so startup never waits
 * for Stripe, and again every minute while Stripe cannot be asked. A mismatch is logged loudly and shown in the
 * health details. Informational: it always reports UP, because readiness depends on the database only; Stripe
 * being down must not take the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class StripeConfigurationCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StripeConfigurationCheck.class.getName());
    private static final long RETRY_SECONDS = 60;

    private final CheckPriceConfiguration priceCheck;
    private volatile CheckPriceConfiguration.Report lastReport;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    public StripeConfigurationCheck(CheckPriceConfiguration priceCheck) {
        this.priceCheck = priceCheck;
    }

    /** For CDI's client proxy. */
    protected StripeConfigurationCheck() {
        this.priceCheck = null;
    }

    void checkAfterStartup(@Observes Startup startup) {
        scheduler.execute(this::checkNow);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // fire and forget: the retry logs and publishes its own report
    private void checkNow() {
        CheckPriceConfiguration.Report report = priceCheck.check();
        lastReport = report;
        switch (report.status()) {
            case MATCHES -> LOG.info("Stripe prices match the plan catalog");
            case MISMATCH -> report.problems().forEach(problem -> LOG.severe("STRIPE PRICE MISCONFIGURED: " + problem));
            case NOT_CONFIGURED -> LOG.warning("Stripe is not configured: " + report.problems());
            case STRIPE_UNAVAILABLE -> {
                LOG.warning(() -> "Cannot check the Stripe prices now (" + report.problems() + "); retrying in "
                        + RETRY_SECONDS + " s");
                scheduler.schedule(this::checkNow, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        CheckPriceConfiguration.Report report = lastReport;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stripe").up();
        if (report == null) {
            return response.withData("prices", "not checked yet").build();
        }
        response.withData("mode", report.stripeMode().name().toLowerCase(Locale.ROOT))
                .withData("prices", report.status().name().toLowerCase(Locale.ROOT));
        for (int i = 0; i < report.problems().size(); i++) {
            response.withData("problem." + (i + 1), report.problems().get(i));
        }
        return response.build();
    }
}
