package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.webhook.port.in.ReceiveWebhook;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import com.agentmarket.billing.application.webhook.port.out.WebhookVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

@ApplicationScoped
class ReceiveWebhookService implements ReceiveWebhook {

    private final WebhookVerifier verifier;
    private final WebhookInbox inbox;
    private final PaymentGateway gateway;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    ReceiveWebhookService(WebhookVerifier verifier, WebhookInbox inbox, PaymentGateway gateway, InTransaction tx,
            Clock clock) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.gateway = gateway;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ReceiveWebhookService() {
        this(null, null, null, null, null);
    }

    @Override
    public Receipt receive(byte[] payload, String signatureHeader) {
        VerifiedEvent event = verifier.verify(payload, signatureHeader);
        boolean stored = tx.call(() -> inbox.store(event, new String(payload, StandardCharsets.UTF_8), ignoredBecause(event), clock.now()));
        return new Receipt(event.id(), !stored);
    }

    /** Events of the other Stripe mode than our key's (a test event at a live endpoint) are kept but never applied. */
    private Optional<String> ignoredBecause(VerifiedEvent event) {
        GatewayMode mode = gateway.mode();
        boolean otherMode = mode != GatewayMode.NOT_CONFIGURED && event.livemode() != (mode == GatewayMode.LIVE);
        return otherMode ? Optional.of("ignored: " + (event.livemode() ? "live" : "test") + "-mode event, but the key is "
                + mode.name().toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }
}
