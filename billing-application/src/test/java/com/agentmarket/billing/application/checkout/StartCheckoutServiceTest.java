package com.agentmarket.billing.application.checkout;

import static com.agentmarket.billing.application.fakes.TestBilling.APP;
import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.METERED_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.checkout.port.in.CheckoutStarted;
import com.agentmarket.billing.application.checkout.port.in.StartCheckoutCommand;
import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartCheckoutServiceTest {

    private static final CustomerId JANE = new CustomerId("user_42");

    private TestBilling billing = new TestBilling();
    private StartCheckoutService service = serviceFor(billing);

    private static StartCheckoutService serviceFor(TestBilling billing) {
        return serviceFor(billing, new CheckoutOptions(0, false, false));
    }

    private static StartCheckoutService serviceFor(TestBilling billing, CheckoutOptions options) {
        return new StartCheckoutService(billing.catalog, options, billing.redirects, billing.accounts, billing.current,
                billing.actions, billing.journal, billing.stripe, billing.sync, billing.tx, billing.clock);
    }

    private static StartCheckoutCommand buy(PriceId price, Optional<String> clientKey) {
        return new StartCheckoutCommand(JANE, Optional.of(new Email("jane.doe@example.com")), price,
                APP + "/billing/success?session_id={CHECKOUT_SESSION_ID}", APP + "/billing/cancel", clientKey);
    }

    private static void assertRejected(Runnable call, BillingRejection.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BillingRejection.class,
                rejection -> assertThat(rejection.reason()).isEqualTo(reason));
    }

    @Test
    void checkout_creates_the_stripe_customer_and_a_session_for_our_customer() {
        CheckoutStarted started = service.start(buy(PRO_PRICE, Optional.empty()));

        assertThat(started.url()).startsWith("https://checkout.stripe.com/");
        assertThat(billing.stripe.writes("createCustomer")).hasSize(1);
        var request = billing.stripe.checkoutRequest(started.sessionId());
        assertThat(request.customer()).isEqualTo(JANE);
        assertThat(request.price()).isEqualTo(PRO_PRICE);
        assertThat(request.meteredPrice()).isEmpty();
        assertThat(billing.customers.find(JANE).orElseThrow().stripeCustomerId()).contains(request.stripeCustomer());
        assertThat(billing.customers.find(JANE).orElseThrow().email()).contains(new Email("jane.doe@example.com"));
        assertThat(billing.actions.of(BillingAction.Kind.CHECKOUT)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.SUCCEEDED));
    }

    @Test
    void with_overage_billing_the_metered_price_is_a_second_line_item() {
        billing = new TestBilling(Optional.of(METERED_PRICE));
        service = serviceFor(billing);

        CheckoutStarted started = service.start(buy(BASIC_PRICE, Optional.empty()));

        assertThat(billing.stripe.checkoutRequest(started.sessionId()).meteredPrice()).contains(METERED_PRICE);
    }

    @Test
    void by_default_checkout_offers_no_trial_no_promotion_codes_and_no_stripe_tax() {
        CheckoutStarted started = service.start(buy(PRO_PRICE, Optional.empty()));

        var request = billing.stripe.checkoutRequest(started.sessionId());
        assertThat(request.trialDays()).isEmpty();
        assertThat(request.allowPromotionCodes()).isFalse();
        assertThat(request.automaticTax()).isFalse();
    }

    @Test
    void a_first_subscription_gets_the_trial_and_the_configured_promotion_codes_and_tax() {
        service = serviceFor(billing, new CheckoutOptions(14, true, true));

        CheckoutStarted started = service.start(buy(PRO_PRICE, Optional.empty()));

        var request = billing.stripe.checkoutRequest(started.sessionId());
        assertThat(request.trialDays()).hasValue(14);
        assertThat(request.allowPromotionCodes()).isTrue();
        assertThat(request.automaticTax()).isTrue();
    }

    @Test
    void a_customer_who_had_a_subscription_even_a_canceled_one_gets_no_second_trial() {
        billing.subscriber(JANE.value(), BASIC_PRICE, SubscriptionStatus.CANCELED);
        service = serviceFor(billing, new CheckoutOptions(14, false, false));

        CheckoutStarted started = service.start(buy(PRO_PRICE, Optional.empty()));

        assertThat(billing.stripe.checkoutRequest(started.sessionId()).trialDays()).isEmpty();
    }

    @Test
    void a_price_that_is_not_on_sale_is_refused_before_anything_is_stored() {
        assertRejected(() -> service.start(buy(new PriceId("price_cheaper_elsewhere"), Optional.empty())),
                BillingRejection.Reason.UNKNOWN_PRICE);
        assertRejected(() -> service.start(buy(METERED_PRICE, Optional.empty())), BillingRejection.Reason.UNKNOWN_PRICE);

        assertThat(billing.stripe.writes()).isEmpty();
        assertThat(billing.customers.find(JANE)).isEmpty();
    }

    @Test
    void a_redirect_to_another_origin_is_refused() {
        StartCheckoutCommand phishing = new StartCheckoutCommand(JANE, Optional.empty(), PRO_PRICE,
                "https://evil.example.net/success", APP + "/cancel", Optional.empty());

        assertRejected(() -> service.start(phishing), BillingRejection.Reason.REDIRECT_NOT_ALLOWED);
        assertThat(billing.stripe.writes()).isEmpty();
    }

    @Test
    void a_customer_whose_subscription_still_exists_is_sent_to_the_portal_instead() {
        billing.subscriber("user_42", BASIC_PRICE, SubscriptionStatus.PAST_DUE);

        assertRejected(() -> service.start(buy(PRO_PRICE, Optional.empty())), BillingRejection.Reason.ALREADY_SUBSCRIBED);
        assertThat(billing.stripe.writes("createCheckoutSession")).isEmpty();
    }

    @Test
    void a_customer_whose_subscription_ended_may_buy_again() {
        billing.subscriber("user_42", BASIC_PRICE, SubscriptionStatus.CANCELED);

        assertThat(service.start(buy(PRO_PRICE, Optional.empty())).sessionId()).startsWith("cs_");
        assertThat(billing.stripe.writes("createCustomer")).isEmpty();
    }

    @Test
    void a_retry_with_the_same_idempotency_key_gets_the_same_session_and_creates_nothing_new() {
        CheckoutStarted first = service.start(buy(PRO_PRICE, Optional.of("click-1")));
        CheckoutStarted retry = service.start(buy(PRO_PRICE, Optional.of("click-1")));

        assertThat(retry).isEqualTo(first);
        assertThat(billing.stripe.writes("createCheckoutSession")).hasSize(1);
    }

    @Test
    void the_same_idempotency_key_for_a_different_request_is_refused() {
        service.start(buy(PRO_PRICE, Optional.of("click-1")));

        assertRejected(() -> service.start(buy(BASIC_PRICE, Optional.of("click-1"))),
                BillingRejection.Reason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void a_double_click_without_a_key_gets_the_session_already_created() {
        CheckoutStarted first = service.start(buy(PRO_PRICE, Optional.empty()));
        billing.clock.advance(Duration.ofMinutes(5));

        assertThat(service.start(buy(PRO_PRICE, Optional.empty()))).isEqualTo(first);
        assertThat(billing.stripe.writes("createCheckoutSession")).hasSize(1);
    }

    @Test
    void a_new_request_is_a_new_action_with_a_new_key() {
        CheckoutStarted pro = service.start(buy(PRO_PRICE, Optional.empty()));
        CheckoutStarted basic = service.start(buy(BASIC_PRICE, Optional.empty()));
        billing.clock.advance(StartCheckoutService.SAME_REQUEST_WINDOW.plusMinutes(1));
        CheckoutStarted proLater = service.start(buy(PRO_PRICE, Optional.empty()));

        assertThat(pro.sessionId()).isNotEqualTo(basic.sessionId()).isNotEqualTo(proLater.sessionId());
        assertThat(billing.stripe.writes("createCheckoutSession")).extracting(w -> w.idempotencyKey()).doesNotHaveDuplicates();
        assertThat(billing.stripe.writes("createCustomer")).hasSize(1);
    }

    @Test
    void when_stripe_is_down_the_action_waits_and_its_retry_uses_the_same_idempotency_key() {
        service.start(buy(PRO_PRICE, Optional.of("click-1")));
        TestBilling fresh = new TestBilling();
        StartCheckoutService freshService = serviceFor(fresh);
        fresh.accounts.registerOrRefresh(JANE, Optional.empty());
        fresh.accounts.ensureStripeCustomer(JANE);
        fresh.stripe.failNextCallWith(new PaymentGatewayException.Unavailable("Stripe is down", Duration.ofSeconds(5), null));

        assertThatThrownBy(() -> freshService.start(buy(PRO_PRICE, Optional.of("click-2"))))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
        assertThat(fresh.actions.of(BillingAction.Kind.CHECKOUT)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.PENDING));

        freshService.start(buy(PRO_PRICE, Optional.of("click-2")));
        String key = fresh.actions.of(BillingAction.Kind.CHECKOUT).get(0).idempotencyKey();
        assertThat(fresh.stripe.writes("createCheckoutSession")).extracting(w -> w.idempotencyKey()).containsOnly(key);
    }

    @Test
    void a_refusal_by_stripe_is_passed_on_and_the_action_ends_failed() {
        billing.accounts.registerOrRefresh(JANE, Optional.empty());
        billing.accounts.ensureStripeCustomer(JANE);
        billing.stripe.failNextCallWith(new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.INVALID_REQUEST, "No such price", null));

        assertThatThrownBy(() -> service.start(buy(PRO_PRICE, Optional.empty())))
                .isInstanceOf(PaymentGatewayException.Rejected.class).hasMessage("No such price");
        assertThat(billing.actions.of(BillingAction.Kind.CHECKOUT)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.FAILED));
    }

    @Test
    void a_new_checkout_expires_the_earlier_session_still_open_and_records_it_with_that_attempt() {
        CheckoutStarted pro = service.start(buy(PRO_PRICE, Optional.empty()));

        CheckoutStarted basic = service.start(buy(BASIC_PRICE, Optional.empty()));

        assertThat(billing.stripe.checkoutSession(pro.sessionId()).orElseThrow().status()).isEqualTo("expired");
        assertThat(billing.stripe.checkoutSession(basic.sessionId()).orElseThrow().status()).isEqualTo("open");
        assertThat(billing.stripe.writes("expireCheckoutSession")).hasSize(1);
        assertThat(billing.actions.findCheckout(JANE, pro.sessionId()).orElseThrow().closure())
                .contains(BillingAction.Closure.EXPIRED);
        assertThat(billing.actions.findCheckout(JANE, basic.sessionId()).orElseThrow().closure()).isEmpty();
    }

    @Test
    void a_double_click_after_its_session_was_expired_gets_a_new_one() {
        CheckoutStarted pro = service.start(buy(PRO_PRICE, Optional.empty()));
        service.start(buy(BASIC_PRICE, Optional.empty()));

        CheckoutStarted proAgain = service.start(buy(PRO_PRICE, Optional.empty()));

        assertThat(proAgain.sessionId()).isNotEqualTo(pro.sessionId());
    }

    @Test
    void an_earlier_session_paid_meanwhile_means_the_customer_is_subscribed() {
        CheckoutStarted pro = service.start(buy(PRO_PRICE, Optional.empty()));
        billing.stripe.completes(pro.sessionId(), TestBilling.stripeSubscription("sub_paid",
                billing.customers.find(JANE).orElseThrow().stripeCustomerId().orElseThrow(), JANE, PRO_PRICE,
                SubscriptionStatus.ACTIVE));

        assertRejected(() -> service.start(buy(BASIC_PRICE, Optional.empty())), BillingRejection.Reason.ALREADY_SUBSCRIBED);

        assertThat(billing.stripe.writes("createCheckoutSession")).hasSize(1);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId().orElseThrow().value())
                .isEqualTo("sub_paid");
        assertThat(billing.actions.findCheckout(JANE, pro.sessionId()).orElseThrow().closure())
                .contains(BillingAction.Closure.COMPLETE);
    }

    @Test
    void a_session_stripe_made_whose_answer_we_lost_is_expired_too_and_the_newest_stays() {
        service.start(buy(PRO_PRICE, Optional.empty()));
        var stripeCustomer = billing.customers.find(JANE).orElseThrow().stripeCustomerId().orElseThrow();
        String lost = billing.stripe.hasOpenSessionWeDoNotKnow(JANE, stripeCustomer);

        CheckoutStarted basic = service.start(buy(BASIC_PRICE, Optional.empty()));

        assertThat(billing.stripe.checkoutSession(lost).orElseThrow().status()).isEqualTo("expired");
        assertThat(billing.stripe.openCheckoutSessions(stripeCustomer)).extracting(session -> session.id())
                .containsExactly(basic.sessionId());
    }

    @Test
    void an_earlier_session_stripe_no_longer_knows_is_over_and_does_not_block_a_new_checkout() {
        CheckoutStarted pro = service.start(buy(PRO_PRICE, Optional.empty()));
        billing.stripe.forgetsCheckoutSession(pro.sessionId());

        CheckoutStarted basic = service.start(buy(BASIC_PRICE, Optional.empty()));

        assertThat(basic.sessionId()).isNotEqualTo(pro.sessionId());
        assertThat(billing.actions.findCheckout(JANE, pro.sessionId()).orElseThrow().closure())
                .contains(BillingAction.Closure.EXPIRED);
    }

    @Test
    void one_session_stripe_refuses_to_expire_does_not_keep_the_others_open() {
        billing.accounts.registerOrRefresh(JANE, Optional.empty());
        billing.accounts.ensureStripeCustomer(JANE);
        var stripeCustomer = billing.customers.find(JANE).orElseThrow().stripeCustomerId().orElseThrow();
        String lost = billing.stripe.hasOpenSessionWeDoNotKnow(JANE, stripeCustomer);
        String alsoLost = billing.stripe.hasOpenSessionWeDoNotKnow(JANE, stripeCustomer);
        billing.stripe.failNextWriteWith("expireCheckoutSession", new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.INVALID_REQUEST,
                "Only Checkout Sessions with a status of `open` can be expired.", null));

        CheckoutStarted basic = service.start(buy(BASIC_PRICE, Optional.empty()));

        assertThat(billing.stripe.openCheckoutSessions(stripeCustomer)).extracting(session -> session.id())
                .as("the one refused, and the new one").hasSize(2).contains(basic.sessionId());
        assertThat(billing.stripe.writes("expireCheckoutSession")).as("the other was expired").hasSize(1);
        assertThat(List.of(lost, alsoLost)).anySatisfy(id ->
                assertThat(billing.stripe.checkoutSession(id).orElseThrow().status()).isEqualTo("expired"));
    }
}
