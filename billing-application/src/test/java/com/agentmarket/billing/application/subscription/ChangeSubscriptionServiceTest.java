package com.agentmarket.billing.application.subscription;

import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeSubscriptionServiceTest {

    private final TestBilling billing = new TestBilling();
    private final ChangeSubscriptionService service = new ChangeSubscriptionService(billing.customers, billing.current,
            billing.mirror, billing.journal, billing.stripe, SubscriptionUseCases.getMySubscription(billing), billing.catalog,
            new com.agentmarket.billing.application.checkout.CheckoutOptions(0, false, false), billing.tx, billing.clock);

    private Subscription stored(CustomerId customer) {
        return billing.subscriptions.find(new StripeSubscriptionId("sub_" + customer.value())).orElseThrow();
    }

    @Test
    void cancelling_schedules_the_end_at_the_period_end_in_stripe_and_here() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        var scheduled = service.cancelAtPeriodEnd(jane, Optional.empty());

        assertThat(scheduled.cancelAt()).isEqualTo(TestBilling.PERIOD.end());
        assertThat(stored(jane).cancelAtPeriodEnd()).isTrue();
        assertThat(billing.stripe.writes("cancelAtPeriodEnd")).hasSize(1);
    }

    @Test
    void cancel_resume_and_cancel_again_are_three_actions_with_three_keys() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        service.cancelAtPeriodEnd(jane, Optional.empty());
        service.resume(jane, Optional.empty());
        service.cancelAtPeriodEnd(jane, Optional.empty());

        assertThat(billing.stripe.writes()).extracting(w -> w.operation())
                .containsExactly("cancelAtPeriodEnd", "undoCancel", "cancelAtPeriodEnd");
        assertThat(billing.stripe.writes()).extracting(w -> w.idempotencyKey()).doesNotHaveDuplicates();
        assertThat(stored(jane).cancelAtPeriodEnd()).isTrue();
    }

    @Test
    void a_retried_cancel_with_the_same_key_reaches_stripe_once() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        service.cancelAtPeriodEnd(jane, Optional.of("k1"));
        var again = service.cancelAtPeriodEnd(jane, Optional.of("k1"));

        assertThat(again.cancelAt()).isEqualTo(TestBilling.PERIOD.end());
        assertThat(billing.stripe.writes()).hasSize(1);
    }

    @Test
    void resuming_undoes_a_scheduled_cancellation() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.cancelAtPeriodEnd(jane, Optional.empty());

        var view = service.resume(jane, Optional.empty());

        assertThat(view.cancelAtPeriodEnd()).isFalse();
        assertThat(stored(jane).cancelAtPeriodEnd()).isFalse();
    }

    @Test
    void a_paused_subscription_is_resumed_with_stripes_resume_call() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.PAUSED);

        var view = service.resume(jane, Optional.empty());

        assertThat(billing.stripe.writes()).extracting(w -> w.operation()).containsExactly("resume");
        assertThat(view.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void resuming_a_subscription_with_nothing_to_undo_calls_nobody() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        assertThat(service.resume(jane, Optional.empty()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(billing.stripe.writes()).isEmpty();
    }

    @Test
    void without_a_subscription_there_is_nothing_to_cancel() {
        assertThatThrownBy(() -> service.cancelAtPeriodEnd(new CustomerId("newcomer"), Optional.empty()))
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.NOT_FOUND));
    }

    @Test
    void an_ended_subscription_cannot_be_resumed() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.CANCELED);

        assertThatThrownBy(() -> service.resume(jane, Optional.empty()))
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.NOT_RESUMABLE));
    }

    @Test
    void when_stripe_refuses_nothing_changes_here_and_the_action_ends_failed() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        billing.stripe.failNextWriteWith(new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.INVALID_REQUEST, "This subscription cannot be changed", null));

        assertThatThrownBy(() -> service.cancelAtPeriodEnd(jane, Optional.empty()))
                .isInstanceOf(PaymentGatewayException.Rejected.class);
        assertThat(stored(jane).cancelAtPeriodEnd()).isFalse();
        assertThat(billing.actions.of(BillingAction.Kind.CANCEL)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.FAILED));
    }

    /** Stripe's copy changed (the customer portal, the Dashboard) and its webhook has not arrived yet. */
    private void stripeNowHas(CustomerId customer, boolean cancelAtPeriodEnd, Optional<java.time.Instant> cancelAt) {
        var snapshot = TestBilling.stripeSubscription("sub_" + customer.value(),
                new com.agentmarket.billing.domain.customer.StripeCustomerId("cus_" + customer.value()), customer, PRO_PRICE,
                SubscriptionStatus.ACTIVE);
        billing.stripe.hasSubscription(new com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot(
                snapshot.id(), snapshot.customer(), snapshot.customerIdMetadata(), snapshot.status(), snapshot.items(),
                snapshot.currentPeriod(), cancelAtPeriodEnd, cancelAt, false, snapshot.created(), snapshot.latestInvoice()));
    }

    @Test
    void resuming_clears_a_cancellation_date_set_at_stripe_that_our_copy_does_not_show_yet() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        stripeNowHas(jane, false, Optional.of(java.time.Instant.parse("2026-08-28T00:00:00Z")));

        service.resume(jane, Optional.empty());

        assertThat(billing.stripe.writes("undoCancel")).hasSize(1);
        assertThat(billing.stripe.subscription(stored(jane).id()).orElseThrow().cancelAt()).isEmpty();
        assertThat(stored(jane).scheduledEnd()).isEmpty();
    }

    @Test
    void cancelling_asks_stripe_when_our_copy_says_cancelling_but_stripe_no_longer_does() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.cancelAtPeriodEnd(jane, Optional.empty());
        stripeNowHas(jane, false, Optional.empty());

        service.cancelAtPeriodEnd(jane, Optional.empty());

        assertThat(billing.stripe.writes("cancelAtPeriodEnd")).hasSize(2);
        assertThat(stored(jane).cancelAtPeriodEnd()).isTrue();
    }

    @Test
    void cancelling_when_stripe_will_end_it_only_after_the_period_schedules_the_end_at_the_period_end() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        stripeNowHas(jane, false, Optional.of(TestBilling.PERIOD.end().plus(java.time.Duration.ofDays(60))));

        var scheduled = service.cancelAtPeriodEnd(jane, Optional.empty());

        assertThat(billing.stripe.writes("cancelAtPeriodEnd")).hasSize(1);
        assertThat(scheduled.cancelAt()).isEqualTo(TestBilling.PERIOD.end());
    }
}
