package com.agentmarket.billing.adapter.out.stripe;

import static com.agentmarket.billing.adapter.out.stripe.testing.StripeSignatures.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.agentmarket.billing.adapter.out.stripe.testing.StripeSignatures;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookVerifier.InvalidWebhookException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StripeWebhookVerifierTest {

    private static final byte[] FAILED_PAYMENT = StripeFixtures.resource("webhook-events/invoice.payment_failed.json")
            .getBytes(StandardCharsets.UTF_8);
    private final long now = Instant.now().getEpochSecond();
    private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(List.of(TEST_SECRET), Clock.systemUTC());

    private static void refused(Runnable verification) {
        assertThatThrownBy(verification::run).isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void the_shared_events_verify_with_their_precomputed_signatures_at_their_time() {
        String header = JsonParser.parseString(StripeFixtures.resource("webhook-events/signatures.json")).getAsJsonObject()
                .getAsJsonObject("files").getAsJsonObject("invoice.payment_failed.json").get("Stripe-Signature").getAsString();
        Clock then = Clock.fixed(Instant.ofEpochSecond(1788433205L), ZoneOffset.UTC);

        VerifiedEvent event = new StripeWebhookVerifier(List.of(TEST_SECRET), then).verify(FAILED_PAYMENT, header);

        assertThat(event).isEqualTo(new VerifiedEvent("evt_1TSvcInvPayFailed000001", "invoice.payment_failed", false,
                Optional.of("2026-07-29.dahlia"), Instant.ofEpochSecond(1788433204L),
                Optional.of("in_1TSvcInvoice0000000002"), OptionalInt.of(1)));
    }

    @Test
    void a_delivery_signed_now_verifies_and_names_its_object() {
        byte[] created = StripeFixtures.resource("webhook-events/customer.subscription.created.json").getBytes(StandardCharsets.UTF_8);

        VerifiedEvent event = verifier.verify(created, StripeSignatures.header(created, TEST_SECRET, now));

        assertThat(event.type()).isEqualTo("customer.subscription.created");
        assertThat(event.objectId()).contains(StripeFixtures.SUBSCRIPTION);
        assertThat(event.invoiceAttempt()).isEmpty();
    }

    @Test
    void a_stale_or_future_signature_is_refused() {
        refused(() -> verifier.verify(FAILED_PAYMENT, StripeSignatures.header(FAILED_PAYMENT, TEST_SECRET, now - 301)));
        refused(() -> verifier.verify(FAILED_PAYMENT, StripeSignatures.header(FAILED_PAYMENT, TEST_SECRET, now + 301)));
    }

    @Test
    void a_forged_signature_or_a_body_altered_by_one_byte_is_refused() {
        refused(() -> verifier.verify(FAILED_PAYMENT, StripeSignatures.header(FAILED_PAYMENT, "whsec_someone_else", now)));
        byte[] altered = FAILED_PAYMENT.clone();
        altered[altered.length / 2] ^= 1;
        refused(() -> verifier.verify(altered, StripeSignatures.header(FAILED_PAYMENT, TEST_SECRET, now)));
    }

    @Test
    void during_rotation_either_secret_verifies_and_any_v1_entry_may_match() {
        StripeWebhookVerifier rotating = new StripeWebhookVerifier(List.of("whsec_new_secret", TEST_SECRET), Clock.systemUTC());
        String twoSignatures = "t=" + now + ",v1=" + StripeSignatures.v1(FAILED_PAYMENT, "whsec_unknown", now)
                + ",v1=" + StripeSignatures.v1(FAILED_PAYMENT, TEST_SECRET, now) + ",v0=ignored";

        assertThat(rotating.verify(FAILED_PAYMENT, StripeSignatures.header(FAILED_PAYMENT, TEST_SECRET, now)).id())
                .isEqualTo("evt_1TSvcInvPayFailed000001");
        assertThat(verifier.verify(FAILED_PAYMENT, twoSignatures).id()).isEqualTo("evt_1TSvcInvPayFailed000001");
    }

    @Test
    void missing_malformed_or_unsigned_input_is_refused() {
        refused(() -> verifier.verify(FAILED_PAYMENT, null));
        refused(() -> verifier.verify(FAILED_PAYMENT, "t=abc,v1=00"));
        refused(() -> verifier.verify(FAILED_PAYMENT, "nonsense"));
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        refused(() -> verifier.verify(notJson, StripeSignatures.header(notJson, TEST_SECRET, now)));
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', '}'};
        refused(() -> verifier.verify(notUtf8, StripeSignatures.header(notUtf8, TEST_SECRET, now)));
        refused(() -> new StripeWebhookVerifier(List.of(), Clock.systemUTC())
                .verify(FAILED_PAYMENT, StripeSignatures.header(FAILED_PAYMENT, TEST_SECRET, now)));
    }
}
