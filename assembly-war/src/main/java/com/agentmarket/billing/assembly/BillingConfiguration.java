package com.agentmarket.billing.assembly;

import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.RedirectPolicy;
import com.agentmarket.billing.application.usage.UsageSettings;
import com.agentmarket.billing.application.webhook.WebhookSettings;
import com.agentmarket.billing.application.work.DueWorkSettings;
import com.agentmarket.billing.application.work.RetryPolicy;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkSettings;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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
    private final RedirectPolicy redirectPolicy;
    private final WebhookSettings webhookSettings;
    private final UsageSettings usageSettings;
    private final DueWorkSettings workSettings;

    @Inject
    BillingConfiguration(Config config) {
        Map<PlanId, PriceId> prices = new EnumMap<>(PlanId.class);
        Map<PlanId, List<PriceId>> legacyPrices = new EnumMap<>(PlanId.class);
        for (PlanId plan : PlanId.values()) {
            if (plan.isPaid()) {
                List<PriceId> tierPrices = list(config, "STRIPE_PRICE_" + plan.name()).stream().map(PriceId::new).toList();
                if (!tierPrices.isEmpty()) {
                    prices.put(plan, tierPrices.get(0));
                    legacyPrices.put(plan, tierPrices.subList(1, tierPrices.size()));
                }
            }
        }
        this.catalog = PlanCatalog.standard(prices, price(config, "STRIPE_PRICE_METERED")).withLegacyPrices(legacyPrices);
        OveragePolicy overage = OveragePolicy.valueOf(
                config.getOptionalValue("BILLING_OVERAGE", String.class).orElse("block").trim().toUpperCase(Locale.ROOT));
        this.quotaPolicy = new QuotaPolicy(overage);
        Optional<String> publicUrl = config.getOptionalValue("BILLING_PUBLIC_URL", String.class).map(String::trim)
                .filter(value -> !value.isEmpty());
        List<String> extraOrigins = list(config, "BILLING_ALLOWED_REDIRECT_ORIGINS");
        this.redirectPolicy = new RedirectPolicy(publicUrl.orElseGet(() -> "http://localhost:"
                + config.getOptionalValue("HTTP_PORT", Integer.class).orElse(9080)), extraOrigins, publicUrl.isPresent());
        this.webhookSettings = new WebhookSettings(
                config.getOptionalValue("BILLING_SUSPEND_ON_PAYMENT_FAILURE", Boolean.class).orElse(false));
        int usageBatch = config.getOptionalValue("BILLING_USAGE_BATCH_SIZE", Integer.class).orElse(500);
        this.usageSettings = new UsageSettings(usageBatch,
                Duration.ofMillis(config.getOptionalValue("BILLING_USAGE_AGGREGATION_MS", Long.class).orElse(60_000L)));
        this.workSettings = new DueWorkSettings(Map.of(
                WorkKind.WEBHOOK_EVENT, new WorkSettings(
                        Duration.ofMillis(config.getOptionalValue("BILLING_WEBHOOK_POLL_MS", Long.class).orElse(500L)), 10,
                        Duration.ofMinutes(5), 1, new RetryPolicy(
                                Duration.ofMillis(config.getOptionalValue("BILLING_WEBHOOK_RETRY_BASE_MS", Long.class).orElse(30_000L)),
                                2, Duration.ofHours(1), config.getOptionalValue("BILLING_WEBHOOK_MAX_ATTEMPTS", Integer.class).orElse(8))),
                WorkKind.NOTIFICATION, new WorkSettings(Duration.ofSeconds(1), 20, Duration.ofMinutes(2), 1,
                        new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 10)),
                WorkKind.USAGE_REPORT, new WorkSettings(
                        Duration.ofMillis(config.getOptionalValue("BILLING_USAGE_REPORT_MS", Long.class).orElse(1000L)), usageBatch,
                        Duration.ofMillis(config.getOptionalValue("BILLING_USAGE_CLAIM_LEASE_MS", Long.class).orElse(120_000L)),
                        config.getOptionalValue("BILLING_USAGE_REPORT_CONCURRENCY", Integer.class).orElse(8),
                        new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), RetryPolicy.UNLIMITED))));
    }

    /** For CDI's client proxy. */
    protected BillingConfiguration() {
        this.catalog = null;
        this.quotaPolicy = null;
        this.redirectPolicy = null;
        this.webhookSettings = null;
        this.usageSettings = null;
        this.workSettings = null;
    }

    private static List<String> list(Config config, String name) {
        return config.getOptionalValue(name, String.class).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    private static Optional<PriceId> price(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(value -> !value.isEmpty())
                .map(PriceId::new);
    }

    void checkAtStartup(@Observes Startup startup, PaymentGateway gateway) {
        LOG.info(() -> "Plans on sale: " + catalog.all().stream()
                .filter(plan -> plan.priceId().isPresent())
                .map(plan -> plan.id().code() + "=" + plan.priceId().get())
                .toList() + (catalog.legacyPrices().isEmpty() ? "" : ", legacy prices recognised " + catalog.legacyPrices())
                + catalog.overagePrice().map(price -> ", overage billed through " + price).orElse("")
                + "; redirects allowed to " + redirectPolicy.allowedOrigins(gateway.mode())
                + (redirectPolicy.configured() ? "" : " (BILLING_PUBLIC_URL not set: the local default)")
                + "; overage " + quotaPolicy + "; " + webhookSettings + "; " + usageSettings + "; " + workSettings);
        if (gateway.mode() == PaymentGateway.Mode.LIVE && !redirectPolicy.configured()) {
            LOG.severe("BILLING_PUBLIC_URL is not set (nor BILLING_ALLOWED_REDIRECT_ORIGINS) while the Stripe key is live: "
                    + "checkout and the customer portal answer 503 until BILLING_PUBLIC_URL names the service's public "
                    + "origin");
        }
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

    @Produces
    @Singleton
    RedirectPolicy redirectPolicy() {
        return redirectPolicy;
    }

    @Produces
    @Singleton
    WebhookSettings webhookSettings() {
        return webhookSettings;
    }

    @Produces
    @Singleton
    UsageSettings usageSettings() {
        return usageSettings;
    }

    @Produces
    @Singleton
    DueWorkSettings workSettings() {
        return workSettings;
    }
}
