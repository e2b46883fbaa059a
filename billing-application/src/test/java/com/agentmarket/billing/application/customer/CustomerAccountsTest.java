package com.agentmarket.billing.application.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One Stripe customer per customer, also when a creation's answer was lost and the retry comes a day later. */
class CustomerAccountsTest {

    private final TestBilling billing = new TestBilling();
    private final CustomerId jane = new CustomerId("jane");

    private void registered() {
        billing.tx.call(() -> billing.accounts.registerOrRefresh(jane, Optional.empty()));
    }

    private void firstAttemptLosesItsAnswer() {
        billing.stripe.loseNextAnswerOf("createCustomer",
                new PaymentGatewayException.Unavailable("connection reset", Duration.ofSeconds(5), null));
        assertThatThrownBy(() -> billing.accounts.ensureStripeCustomer(jane))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
    }

    @Test
    void a_retry_within_a_day_reuses_the_idempotency_key_and_searches_nothing() {
        registered();
        firstAttemptLosesItsAnswer();
        billing.clock.advance(Duration.ofHours(2));

        StripeCustomerId linked = billing.accounts.ensureStripeCustomer(jane);

        assertThat(billing.stripe.writes("createCustomer")).hasSize(2)
                .extracting(write -> write.idempotencyKey()).containsOnly(billing.stripe.writes("createCustomer").get(0)
                        .idempotencyKey());
        assertThat(billing.stripe.searches()).isEmpty();
        assertThat(billing.customers.find(jane).flatMap(Customer::stripeCustomerId)).contains(linked);
    }

    @Test
    void a_retry_after_stripe_forgot_the_key_finds_the_customer_the_lost_attempt_made_instead_of_making_another() {
        registered();
        firstAttemptLosesItsAnswer();
        StripeCustomerId madeByTheLostAttempt = billing.stripe.findCustomer(jane).orElseThrow();
        billing.clock.advance(Duration.ofHours(25));
        billing.stripe.forgetIdempotencyKeys();

        StripeCustomerId linked = billing.accounts.ensureStripeCustomer(jane);

        assertThat(linked).isEqualTo(madeByTheLostAttempt);
        assertThat(billing.stripe.writes("createCustomer")).as("no second customer in Stripe").hasSize(1);
        assertThat(billing.customers.find(jane).flatMap(Customer::stripeCustomerId)).contains(madeByTheLostAttempt);
    }

    @Test
    void a_retry_after_a_day_that_finds_no_customer_creates_it() {
        registered();
        billing.stripe.failNextWriteWith("createCustomer",
                new PaymentGatewayException.Unavailable("Stripe is down", Duration.ofSeconds(5), null));
        assertThatThrownBy(() -> billing.accounts.ensureStripeCustomer(jane))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
        billing.clock.advance(Duration.ofHours(25));

        StripeCustomerId linked = billing.accounts.ensureStripeCustomer(jane);

        assertThat(billing.stripe.searches()).containsExactly(jane);
        assertThat(billing.stripe.writes("createCustomer")).hasSize(1);
        assertThat(billing.customers.find(jane).flatMap(Customer::stripeCustomerId)).contains(linked);
    }
}
