package com.agentmarket.billing.adapter.out.stripe;

import java.util.List;
import java.util.Optional;

/**
 * How to reach Stripe, from the environment. The secret key is never logged or shown: {@link #toString()} and
 * {@link #keyMode()} say only what kind of key it is.
 *
 * @param apiBase where stripe-java sends API calls (Stripe's own unless overridden, e.g. by a local stub)
 * @param meterEventsBase where the v2 meter event stream goes
 * @param webhookSecrets the webhook signing secrets (more than one while rotating)
 * @param meterEventName the Billing Meter's event name
 * @param meterId the Billing Meter's id, to read its totals; empty: the active meter with {@code meterEventName}
 */
public record StripeSettings(Optional<String> secretKey, Optional<String> apiBase, Optional<String> meterEventsBase,
        int connectTimeoutMillis, int readTimeoutMillis, int maxNetworkRetries, List<String> webhookSecrets,
        String meterEventName, Optional<String> meterId) {

    public StripeSettings {
        webhookSecrets = List.copyOf(webhookSecrets);
        java.util.Objects.requireNonNull(meterEventName, "meterEventName");
        java.util.Objects.requireNonNull(meterId, "meterId");
    }

    /** Which Stripe mode the key belongs to; webhook events of the other mode are ignored. */
    public enum KeyMode {
        TEST,
        LIVE,
        NONE
    }

    public KeyMode keyMode() {
        return secretKey.map(key -> key.startsWith("sk_live_") || key.startsWith("rk_live_") ? KeyMode.LIVE : KeyMode.TEST)
                .orElse(KeyMode.NONE);
    }

    @Override
    public String toString() {
        return "StripeSettings[key=" + keyMode() + ", apiBase=" + apiBase.orElse("Stripe") + ", connectTimeout="
                + connectTimeoutMillis + "ms, readTimeout=" + readTimeoutMillis + "ms, retries=" + maxNetworkRetries + ", webhookSecrets="
                + webhookSecrets.size() + ", meterEvent=" + meterEventName + ", meter="
                + meterId.orElse("by event name") + "]";
    }
}
