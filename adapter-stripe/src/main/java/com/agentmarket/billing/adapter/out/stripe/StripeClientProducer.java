package com.agentmarket.billing.adapter.out.stripe;

import com.stripe.StripeClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds the one stripe-java client from its {@link StripeSettings} (read from configuration by the assembly).
 * stripe-java retries connection failures, 409s and 5xx itself, with the same idempotency key, backing off between
 * attempts.
 */
@ApplicationScoped
class StripeClientProducer {

    private static final Logger LOG = Logger.getLogger(StripeClientProducer.class.getName());

    private final StripeSettings settings;

    @Inject
    StripeClientProducer(StripeSettings settings) {
        this.settings = settings;
        LOG.info(() -> "Stripe: " + settings);
    }

    /** For CDI's client proxy. */
    protected StripeClientProducer() {
        this.settings = null;
    }

    /** Empty when no secret key is configured: Stripe features then answer 503 and say why. */
    @Produces
    @Singleton
    Optional<StripeClient> client() {
        return settings.secretKey().map(key -> {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(key)
                    .setConnectTimeout(settings.connectTimeoutMillis())
                    .setReadTimeout(settings.readTimeoutMillis())
                    .setMaxNetworkRetries(settings.maxNetworkRetries());
            settings.apiBase().ifPresent(builder::setApiBase);
            settings.meterEventsBase().ifPresent(builder::setMeterEventsBase);
            return builder.build();
        });
    }
}
