package com.agentmarket.billing.adapter.out.stripe.testing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body exactly as Stripe does: {@code v1} is the hex HMAC-SHA256, keyed with the endpoint secret,
 * of {@code "<t>." + body bytes}; the header is {@code t=<t>,v1=<hex>}.
 */
public final class StripeSignatures {

    /** The shared test secret the signed events in {@code stripe/webhook-events} were signed with. */
    public static final String TEST_SECRET = "whsec_test_TSvcLocalOnlyNotARealSecret0001";

    private StripeSignatures() {
    }

    public static String header(byte[] body, String secret, long timestamp) {
        return "t=" + timestamp + ",v1=" + v1(body, secret, timestamp);
    }

    /** Signed now, as a delivery happening now would be. */
    public static String headerNow(byte[] body, String secret) {
        return header(body, secret, System.currentTimeMillis() / 1000);
    }

    public static String v1(byte[] body, String secret, long timestamp) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            hmac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] digest = hmac.doFinal(body);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
