package com.agentmarket.billing.e2e;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The Stripe the deployed server talks to during the end-to-end tests: one WireMock server on the port the server's
 * {@code STRIPE_API_BASE} names, started once for the whole run. Tests stub what they need under ids of their own,
 * so they never disturb each other.
 */
final class StripeStub {

    private static WireMockServer server;

    private StripeStub() {
    }

    static synchronized WireMockServer stripe() {
        if (server == null) {
            server = new WireMockServer(options().port(Integer.getInteger("e2e.stripe.port", 19089)));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }
}
