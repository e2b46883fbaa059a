package com.agentmarket.billing.assembly;

import com.agentmarket.billing.adapter.in.rest.webhook.WebhookLimits;
import com.agentmarket.billing.adapter.out.persistence.execution.GroupCommitSettings;
import com.agentmarket.billing.adapter.out.mail.MailSettings;
import com.agentmarket.billing.adapter.out.stripe.StripeSettings;
import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.checkout.CheckoutOptions;
import com.agentmarket.billing.application.reconciliation.ReconciliationSettings;
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
import com.agentmarket.billing.domain.usage.UsageAlertPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The one place configuration is read: every {@link Variable} (environment variables, through MicroProfile Config)
 * into the typed settings of the model, the use cases and the adapters. Read once, at startup, so a malformed value
 * stops the application with a message naming the variable instead of failing requests.
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
    private final StripeSettings stripeSettings;
    private final MailSettings mailSettings;
    private final WebhookLimits webhookLimits;
    private final UsageAlertPolicy usageAlerts;
    private final CheckoutOptions checkoutOptions;
    private final ReconciliationSettings reconciliationSettings;
    private final GroupCommitSettings groupCommitSettings;

    @Inject
    BillingConfiguration(Config config) {
        this(new Variables(name -> config.getOptionalValue(name, String.class)));
    }

    BillingConfiguration(Variables variables) {
        Map<PlanId, PriceId> prices = new EnumMap<>(PlanId.class);
        Map<PlanId, List<PriceId>> legacyPrices = new EnumMap<>(PlanId.class);
        for (PlanId plan : PlanId.values()) {
            if (plan.isPaid()) {
                Variable variable = Variable.valueOf("STRIPE_PRICE_" + plan.name());
                List<PriceId> tierPrices = variables.checked(variable,
                        () -> variables.list(variable).stream().map(PriceId::new).toList());
                if (!tierPrices.isEmpty()) {
                    prices.put(plan, tierPrices.get(0));
                    legacyPrices.put(plan, tierPrices.subList(1, tierPrices.size()));
                }
            }
        }
        Optional<PriceId> metered = variables.checked(Variable.STRIPE_PRICE_METERED,
                () -> variables.text(Variable.STRIPE_PRICE_METERED).map(PriceId::new));
        this.catalog = PlanCatalog.standard(prices, metered).withLegacyPrices(legacyPrices);
        this.quotaPolicy = new QuotaPolicy(variables.choice(Variable.BILLING_OVERAGE, OveragePolicy.class));
        boolean publicUrlSet = variables.isSet(Variable.BILLING_PUBLIC_URL);
        String publicUrl = variables.text(Variable.BILLING_PUBLIC_URL)
                .orElseGet(() -> "http://localhost:" + variables.integer(Variable.HTTP_PORT, 1, 65_535));
        try {
            this.redirectPolicy = new RedirectPolicy(publicUrl, variables.list(Variable.BILLING_ALLOWED_REDIRECT_ORIGINS),
                    publicUrlSet);
        } catch (IllegalArgumentException malformed) {
            // RedirectPolicy names the variable that holds the malformed origin.
            throw new Variables.InvalidConfiguration(malformed.getMessage());
        }
        this.webhookSettings = new WebhookSettings(variables.flag(Variable.BILLING_SUSPEND_ON_PAYMENT_FAILURE));
        this.groupCommitSettings = new GroupCommitSettings(
                variables.integer(Variable.BILLING_EXECUTION_BATCH_MAX, 1, 1000),
                variables.integer(Variable.BILLING_EXECUTION_QUEUE, 1, 1_000_000),
                variables.integer(Variable.BILLING_EXECUTION_WRITERS, 1, 64));
        int usageBatch = variables.integer(Variable.BILLING_USAGE_BATCH_SIZE, 1, Integer.MAX_VALUE);
        this.usageSettings = new UsageSettings(usageBatch, variables.millis(Variable.BILLING_USAGE_AGGREGATION_MS, 0));
        this.workSettings = new DueWorkSettings(Map.of(
                WorkKind.WEBHOOK_EVENT, new WorkSettings(variables.millis(Variable.BILLING_WEBHOOK_POLL_MS, 1), 10,
                        Duration.ofMinutes(5), 1, retry(variables, Variable.BILLING_WEBHOOK_RETRY_BASE_MS,
                                Variable.BILLING_WEBHOOK_RETRY_MAX_MS,
                                variables.integer(Variable.BILLING_WEBHOOK_MAX_ATTEMPTS, 1, Integer.MAX_VALUE))),
                WorkKind.NOTIFICATION, new WorkSettings(variables.millis(Variable.BILLING_NOTIFICATION_POLL_MS, 1), 20,
                        Duration.ofMinutes(2), 1, retry(variables, Variable.BILLING_NOTIFICATION_RETRY_BASE_MS,
                                Variable.BILLING_NOTIFICATION_RETRY_MAX_MS,
                                variables.integer(Variable.BILLING_NOTIFICATION_MAX_ATTEMPTS, 1, Integer.MAX_VALUE))),
                // Usage is never given up while Stripe is only away: giving up would lose money.
                WorkKind.USAGE_REPORT, new WorkSettings(variables.millis(Variable.BILLING_USAGE_REPORT_MS, 1), usageBatch,
                        variables.millis(Variable.BILLING_USAGE_CLAIM_LEASE_MS, 1),
                        variables.integer(Variable.BILLING_USAGE_REPORT_CONCURRENCY, 1, Integer.MAX_VALUE),
                        retry(variables, Variable.BILLING_USAGE_RETRY_BASE_MS, Variable.BILLING_USAGE_RETRY_MAX_MS,
                                RetryPolicy.UNLIMITED)),
                // A window waits while Stripe is away; after an hour's wait it is asked again at most hourly.
                WorkKind.USAGE_RECONCILIATION, new WorkSettings(variables.millis(Variable.BILLING_RECONCILE_POLL_MS, 1),
                        100, Duration.ofMinutes(5), 1, new RetryPolicy(Duration.ofMinutes(1), 2, Duration.ofHours(1),
                                RetryPolicy.UNLIMITED))));
        this.reconciliationSettings = new ReconciliationSettings(
                variables.choice(Variable.BILLING_RECONCILE_MODE, ReconciliationSettings.Mode.class),
                variables.millis(Variable.BILLING_RECONCILE_LAG_MS, 0), ReconciliationSettings.STRIPE_METER_WINDOW);
        if (reconciliationSettings.mode() == ReconciliationSettings.Mode.CORRECT
                && variables.text(Variable.STRIPE_METER_ID).isEmpty()) {
            // A meter found by its event name may be replaced without us knowing: corrections would then bill twice.
            throw new Variables.InvalidConfiguration("BILLING_RECONCILE_MODE=correct needs STRIPE_METER_ID: corrections "
                    + "are only made against a meter named by its id, never one found by its event name");
        }
        Optional<String> apiBase = variables.text(Variable.STRIPE_API_BASE);
        this.stripeSettings = new StripeSettings(variables.text(Variable.STRIPE_SECRET_KEY), apiBase,
                variables.text(Variable.STRIPE_METER_EVENTS_BASE).or(() -> apiBase),
                variables.integer(Variable.STRIPE_CONNECT_TIMEOUT_MS, 0, Integer.MAX_VALUE),
                variables.integer(Variable.STRIPE_READ_TIMEOUT_MS, 0, Integer.MAX_VALUE),
                variables.integer(Variable.STRIPE_MAX_NETWORK_RETRIES, 0, Integer.MAX_VALUE),
                variables.list(Variable.STRIPE_WEBHOOK_SECRET),
                variables.text(Variable.STRIPE_METER_EVENT_NAME).orElseThrow(),
                variables.text(Variable.STRIPE_METER_ID));
        this.mailSettings = new MailSettings(variables.text(Variable.SMTP_HOST),
                variables.integer(Variable.SMTP_PORT, 1, 65_535), variables.text(Variable.SMTP_FROM).orElseThrow(),
                variables.text(Variable.SMTP_USER), variables.text(Variable.SMTP_PASSWORD));
        List<String> alertPercents = variables.list(Variable.BILLING_USAGE_ALERT_PERCENTS);
        this.usageAlerts = alertPercents.equals(List.of("none")) ? new UsageAlertPolicy(List.of())
                : variables.checked(Variable.BILLING_USAGE_ALERT_PERCENTS, () -> new UsageAlertPolicy(alertPercents.stream()
                        .map(Integer::valueOf).toList()));
        this.checkoutOptions = new CheckoutOptions(
                variables.integer(Variable.BILLING_TRIAL_DAYS, 0, CheckoutOptions.MAX_TRIAL_DAYS),
                variables.flag(Variable.BILLING_ALLOW_PROMOTION_CODES), variables.flag(Variable.BILLING_AUTOMATIC_TAX));
        this.webhookLimits = new WebhookLimits(variables.number(Variable.BILLING_WEBHOOK_MAX_BYTES, 1, Integer.MAX_VALUE));
    }

    /** A kind's retry policy: its base and its cap (a base above the cap waits the cap), doubling in between. */
    private static RetryPolicy retry(Variables variables, Variable base, Variable max, int maxAttempts) {
        return new RetryPolicy(variables.millis(base, 0), 2, variables.millis(max, 0), maxAttempts);
    }

    /** For CDI's client proxy. */
    protected BillingConfiguration() {
        this.catalog = null;
        this.quotaPolicy = null;
        this.redirectPolicy = null;
        this.webhookSettings = null;
        this.usageSettings = null;
        this.workSettings = null;
        this.stripeSettings = null;
        this.mailSettings = null;
        this.webhookLimits = null;
        this.usageAlerts = null;
        this.checkoutOptions = null;
        this.reconciliationSettings = null;
        this.groupCommitSettings = null;
    }

    void checkAtStartup(@Observes Startup startup, PaymentGateway gateway) {
        LOG.info(() -> "Plans on sale: " + catalog.all().stream()
                .filter(plan -> plan.priceId().isPresent())
                .map(plan -> plan.id().code() + "=" + plan.priceId().get())
                .toList() + (catalog.legacyPrices().isEmpty() ? "" : ", legacy prices recognised " + catalog.legacyPrices())
                + catalog.overagePrice().map(price -> ", overage billed through " + price).orElse("")
                + "; redirects allowed to " + redirectPolicy.allowedOrigins(gateway.mode())
                + (redirectPolicy.configured() ? "" : " (BILLING_PUBLIC_URL not set: the local default)")
                + "; overage " + quotaPolicy + "; " + checkoutOptions + "; " + webhookSettings + "; " + usageSettings + "; " + workSettings + "; " + groupCommitSettings);
        if (gateway.mode() == GatewayMode.LIVE && !redirectPolicy.configured()) {
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

    @Produces
    @Singleton
    StripeSettings stripeSettings() {
        return stripeSettings;
    }

    @Produces
    @Singleton
    MailSettings mailSettings() {
        return mailSettings;
    }

    @Produces
    @Singleton
    WebhookLimits webhookLimits() {
        return webhookLimits;
    }

    @Produces
    @Singleton
    UsageAlertPolicy usageAlerts() {
        return usageAlerts;
    }

    @Produces
    @Singleton
    CheckoutOptions checkoutOptions() {
        return checkoutOptions;
    }

    @Produces
    @Singleton
    ReconciliationSettings reconciliationSettings() {
        return reconciliationSettings;
    }

    @Produces
    @Singleton
    GroupCommitSettings groupCommitSettings() {
        return groupCommitSettings;
    }
}
