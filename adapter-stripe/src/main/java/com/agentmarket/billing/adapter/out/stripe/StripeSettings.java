package com.agentmarket.billing.adapter.out.stripe;

import java.util.Optional;

/**
 * How to reach Stripe, from the environment. The secret key is never logged or shown: {@link #toString()} and
 * {@link #keyMode()} say only what kind of key it is.
 *
 * @param apiBase where stripe-java sends API calls (Stripe's own unless overridden, e.g. by a local stub)
 * @param meterEventsBase where the v2 meter event stream goes
 */
public record StripeSettings(Optional<String> secretKey, Optional<String> apiBase, Optional<String> meterEventsBase,
        int connectTimeoutMillis, int readTimeoutMillis, int maxNetworkRetries) {

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
                + connectTimeoutMillis + "ms, readTimeout=" + readTimeoutMillis + "ms, retries=" + maxNetworkRetries + "]";
    }
}
