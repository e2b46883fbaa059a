package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.BillingRejection.Reason;
import com.agentmarket.billing.application.shared.BillingRejection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BillingProblemMappersTest {

    private final BillingProblemMappers.Rejection rejection = new BillingProblemMappers.Rejection();
    private final BillingProblemMappers.StripeRefusal stripeRefusal = new BillingProblemMappers.StripeRefusal();
    private final BillingProblemMappers.StripeUnavailable stripeUnavailable = new BillingProblemMappers.StripeUnavailable();

    /** The README's statuses for each refusal of the billing rules. */
    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource({
        "UNKNOWN_PRICE, 400, unknown-price",
        "REDIRECT_NOT_ALLOWED, 400, redirect-not-allowed",
        "TIMESTAMP_OUT_OF_RANGE, 400, timestamp-out-of-range",
        "NOT_FOUND, 404, not-found",
        "ALREADY_SUBSCRIBED, 409, already-subscribed",
        "NOT_RESUMABLE, 409, not-resumable",
        "NOT_SUBSCRIBED, 409, not-subscribed",
        "CHANGE_PENDING, 409, change-pending",
        "CANCELLATION_SCHEDULED, 409, cancellation-scheduled",
        "PAYMENT_DECLINED, 402, payment-declined",
        "IDEMPOTENCY_KEY_REUSED, 422, idempotency-key-reused",
        "SET_NOT_SUPPORTED, 422, set-not-supported",
        "NOT_CONFIGURED, 503, service-not-configured",
    })
    void each_refusal_of_the_billing_rules_has_its_documented_status_and_type(Reason reason, int status, String suffix) {
        ProblemAnswer answer = ProblemAnswer.of(rejection.toResponse(new BillingRejection(reason, "Why, for people.")));

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.typeSuffix()).isEqualTo(suffix);
        assertThat(answer.detail()).isEqualTo("Why, for people.");
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = "NOT_CONFIGURED", mode = EnumSource.Mode.EXCLUDE)
    void a_refusal_the_caller_can_fix_says_nothing_about_retrying(Reason reason) {
        ProblemAnswer answer = ProblemAnswer.of(rejection.toResponse(new BillingRejection(reason, "No.")));

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.retryAfter()).isNull();
    }

    @Test
    void a_service_not_configured_for_the_request_is_503_with_a_long_retry_after() {
        ProblemAnswer answer = ProblemAnswer.of(rejection.toResponse(new BillingRejection(Reason.NOT_CONFIGURED,
                "BILLING_PUBLIC_URL is not set; a live key needs it.")));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.title()).isEqualTo("The service is not configured for this yet");
        assertThat(answer.retryAfter()).isEqualTo("300");
    }

    @Test
    void a_declined_card_is_402_payment_declined_with_stripes_message() {
        ProblemAnswer answer = ProblemAnswer.of(stripeRefusal.toResponse(new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.CARD_DECLINED, "Your card has insufficient funds.", null)));

        assertThat(answer.status()).isEqualTo(402);
        assertThat(answer.typeSuffix()).isEqualTo("payment-declined");
        assertThat(answer.title()).isEqualTo("The payment was declined");
        assertThat(answer.detail()).isEqualTo("Your card has insufficient funds.");
    }

    @Test
    void a_request_stripe_calls_invalid_is_400_stripe_rejected_with_stripes_message() {
        ProblemAnswer answer = ProblemAnswer.of(stripeRefusal.toResponse(new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.INVALID_REQUEST, "No such price: 'price_gone'", null)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.typeSuffix()).isEqualTo("stripe-rejected");
        assertThat(answer.detail()).isEqualTo("No such price: 'price_gone'");
    }

    @Test
    void an_object_stripe_does_not_know_is_404_not_found() {
        ProblemAnswer answer = ProblemAnswer.of(stripeRefusal.toResponse(new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.NOT_FOUND, "No such checkout session: 'cs_1'", null)));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.typeSuffix()).isEqualTo("not-found");
    }

    @Test
    void an_unreachable_stripe_is_503_stripe_unavailable_with_retry_after() {
        ProblemAnswer answer = ProblemAnswer.of(stripeUnavailable.toResponse(new PaymentGatewayException.Unavailable(
                "Stripe is rate limiting requests.", Duration.ofSeconds(30), null)));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.typeSuffix()).isEqualTo("stripe-unavailable");
        assertThat(answer.title()).isEqualTo("Stripe is unavailable");
        assertThat(answer.detail()).isEqualTo("Stripe is rate limiting requests. Try again in 30 s.");
        assertThat(answer.retryAfter()).isEqualTo("30");
    }

    @Test
    void retry_after_is_at_least_one_second_even_when_stripe_says_sooner() {
        ProblemAnswer answer = ProblemAnswer.of(stripeUnavailable.toResponse(new PaymentGatewayException.Unavailable(
                "Stripe timed out.", Duration.ofMillis(200), null)));

        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(answer.detail()).endsWith("Try again in 1 s.");
    }
}
