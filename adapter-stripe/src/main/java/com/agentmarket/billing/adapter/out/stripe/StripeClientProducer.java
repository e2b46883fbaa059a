package com.agentmarket.billing.adapter.out.stripe;

import com.stripe.StripeClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the one stripe-java client from configuration: {@code STRIPE_SECRET_KEY}, {@code STRIPE_API_BASE},
 * {@code STRIPE_METER_EVENTS_BASE}, {@code STRIPE_CONNECT_TIMEOUT_MS}, {@code STRIPE_READ_TIMEOUT_MS},
 * {@code STRIPE_MAX_NETWORK_RETRIES}. stripe-java retries connection failures, 409s and 5xx itself, with the same
 * idempotency key, backing off between attempts.
 */
@ApplicationScoped
class StripeClientProducer {

    private static final Logger LOG = Logger.getLogger(StripeClientProducer.class.getName());

    private final StripeSettings settings;

    @Inject
    StripeClientProducer(Config config) {
        Optional<String> apiBase = text(config, "STRIPE_API_BASE");
        this.settings = new StripeSettings(text(config, "STRIPE_SECRET_KEY"), apiBase,
                text(config, "STRIPE_METER_EVENTS_BASE").or(() -> apiBase),
                config.getOptionalValue("STRIPE_CONNECT_TIMEOUT_MS", Integer.class).orElse(5_000),
                config.getOptionalValue("STRIPE_READ_TIMEOUT_MS", Integer.class).orElse(20_000),
                config.getOptionalValue("STRIPE_MAX_NETWORK_RETRIES", Integer.class).orElse(2));
        LOG.info(() -> "Stripe: " + settings);
    }

    /** For CDI's client proxy. */
    protected StripeClientProducer() {
        this.settings = null;
    }

    private static Optional<String> text(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }

    @Produces
    @Singleton
    StripeSettings settings() {
        return settings;
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
