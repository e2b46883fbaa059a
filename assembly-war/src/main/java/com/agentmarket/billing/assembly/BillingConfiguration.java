package com.agentmarket.billing.assembly;

import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.usage.OveragePolicy;
import com.agentmarket.billing.domain.usage.QuotaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Turns configuration (environment variables, through MicroProfile Config) into the model's catalog and quota rule.
 * Read once and checked at startup, so a malformed value stops the application instead of failing requests.
 */
@ApplicationScoped
class BillingConfiguration {

    private static final Logger LOG = Logger.getLogger(BillingConfiguration.class.getName());

    private final PlanCatalog catalog;
    private final QuotaPolicy quotaPolicy;

    @Inject
    BillingConfiguration(Config config) {
        Map<PlanId, PriceId> prices = new EnumMap<>(PlanId.class);
        for (PlanId plan : PlanId.values()) {
            if (plan.isPaid()) {
                price(config, "STRIPE_PRICE_" + plan.name()).ifPresent(price -> prices.put(plan, price));
            }
        }
        this.catalog = PlanCatalog.standard(prices);
        OveragePolicy overage = OveragePolicy.valueOf(
                config.getOptionalValue("BILLING_OVERAGE", String.class).orElse("block").trim().toUpperCase(Locale.ROOT));
        this.quotaPolicy = new QuotaPolicy(overage, price(config, "STRIPE_PRICE_METERED").isPresent());
    }

    /** For CDI's client proxy. */
    protected BillingConfiguration() {
        this.catalog = null;
        this.quotaPolicy = null;
    }

    private static Optional<PriceId> price(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(value -> !value.isEmpty())
                .map(PriceId::new);
    }

    void checkAtStartup(@Observes Startup startup) {
        LOG.info(() -> "Plans on sale: " + catalog.all().stream()
                .filter(plan -> plan.priceId().isPresent())
                .map(plan -> plan.id().code() + "=" + plan.priceId().get())
                .toList());
    }

    @Produces
    @Singleton
    PlanCatalog catalog() {
        return catalog;
    }

    @Produces
    @Singleton
    QuotaPolicy quotaPolicy() {
        return quotaPolicy;
    }
}
