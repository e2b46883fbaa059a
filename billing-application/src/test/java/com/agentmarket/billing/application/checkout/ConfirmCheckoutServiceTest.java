package com.agentmarket.billing.application.checkout;

import static com.agentmarket.billing.application.fakes.TestBilling.APP;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.checkout.port.in.CheckoutStarted;
import com.agentmarket.billing.application.checkout.port.in.StartCheckoutCommand;
import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.subscription.SubscriptionUseCases;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmCheckoutServiceTest {

    private static final CustomerId JANE = new CustomerId("user_42");

    private final TestBilling billing = new TestBilling();
    private final StartCheckoutService checkout = new StartCheckoutService(billing.catalog,
            new CheckoutOptions(0, false, false), billing.redirects,
            billing.accounts, billing.current, billing.actions, billing.journal, billing.stripe, billing.sync, billing.tx,
            billing.clock);
    private final ConfirmCheckoutService confirm = new ConfirmCheckoutService(billing.stripe, billing.sync, billing.attempts,
            SubscriptionUseCases.getMySubscription(billing), billing.tx);

    private CheckoutStarted startedCheckout() {
        return checkout.start(new StartCheckoutCommand(JANE, Optional.empty(), PRO_PRICE, APP + "/ok", APP + "/cancel",
                Optional.empty()));
    }

    @Test
    void the_success_page_sees_the_paid_plan_before_any_webhook() {
        CheckoutStarted started = startedCheckout();
        Customer jane = billing.customers.find(JANE).orElseThrow();
        billing.stripe.completes(started.sessionId(), TestBilling.stripeSubscription("sub_new",
                jane.stripeCustomerId().orElseThrow(), JANE, PRO_PRICE, SubscriptionStatus.ACTIVE));

        SubscriptionView view = confirm.confirm(JANE, started.sessionId());

        assertThat(view.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId())
                .contains(new StripeSubscriptionId("sub_new"));
        assertThat(billing.subscriptions.find(new StripeSubscriptionId("sub_new")).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void confirming_twice_changes_nothing_the_second_time() {
        CheckoutStarted started = startedCheckout();
        Customer jane = billing.customers.find(JANE).orElseThrow();
        billing.stripe.completes(started.sessionId(), TestBilling.stripeSubscription("sub_new",
                jane.stripeCustomerId().orElseThrow(), JANE, PRO_PRICE, SubscriptionStatus.ACTIVE));

        SubscriptionView first = confirm.confirm(JANE, started.sessionId());
        SubscriptionView second = confirm.confirm(JANE, started.sessionId());

        assertThat(second).isEqualTo(first);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId())
                .contains(new StripeSubscriptionId("sub_new"));
    }

    @Test
    void an_open_session_leaves_the_customer_on_free() {
        CheckoutStarted started = startedCheckout();

        assertThat(confirm.confirm(JANE, started.sessionId()).plan().id()).isEqualTo(PlanId.FREE);
    }

    @Test
    void another_customers_session_is_not_found() {
        CheckoutStarted started = startedCheckout();

        assertThatThrownBy(() -> confirm.confirm(new CustomerId("someone_else"), started.sessionId()))
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.NOT_FOUND));
        assertThatThrownBy(() -> confirm.confirm(JANE, "not-a-session")).isInstanceOf(BillingRejection.class);
    }
}
