package com.agentmarket.billing.adapter.in.jobs;

import com.agentmarket.billing.application.plan.port.in.CheckPriceConfiguration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Checks the configured Stripe prices against the catalog after startup, in the background so startup never waits
 * for Stripe, and again every minute while Stripe cannot be asked. A mismatch is logged loudly; the health check shows
 * the last answer.
 */
@ApplicationScoped
class PriceCheckJob {

    private static final Logger LOG = Logger.getLogger(PriceCheckJob.class.getName());
    private static final long RETRY_SECONDS = 60;

    private final CheckPriceConfiguration priceCheck;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PriceCheckJob(CheckPriceConfiguration priceCheck) {
        this.priceCheck = priceCheck;
    }

    /** For CDI's client proxy. */
    protected PriceCheckJob() {
        this(null);
    }

    void checkAfterStartup(@Observes Startup startup) {
        scheduler.execute(this::checkNow);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // fire and forget: the retry logs and publishes its own report
    private void checkNow() {
        CheckPriceConfiguration.Report report = priceCheck.check();
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
}
