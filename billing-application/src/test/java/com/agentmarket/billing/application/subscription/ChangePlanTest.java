package com.agentmarket.billing.application.subscription;

import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.METERED_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PERIOD;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.checkout.CheckoutOptions;
import com.agentmarket.billing.application.fakes.FakeStripe;
import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.PendingChange;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changing plan: an upgrade now with the proration charged, a downgrade at the period's end through a schedule. */
class ChangePlanTest {

    private TestBilling billing = new TestBilling();
    private ChangeSubscriptionService service = serviceFor(billing, false);

    private static ChangeSubscriptionService serviceFor(TestBilling billing, boolean automaticTax) {
        return new ChangeSubscriptionService(billing.customers, billing.current, billing.mirror, billing.journal,
                billing.stripe, SubscriptionUseCases.getMySubscription(billing), billing.catalog,
                new CheckoutOptions(0, false, automaticTax), billing.tx, billing.clock);
    }

    private Subscription stored(CustomerId customer) {
        return billing.subscriptions.find(new StripeSubscriptionId("sub_" + customer.value())).orElseThrow();
    }

    private List<String> writes() {
        return billing.stripe.writes().stream().map(FakeStripe.Write::operation).toList();
    }

    private static void rejected(Runnable call, BillingRejection.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BillingRejection.class,
                rejection -> assertThat(rejection.reason()).isEqualTo(reason));
    }

    @Test
    void an_upgrade_moves_the_tier_item_to_the_new_price_now_and_the_new_quota_applies_at_once() {
        CustomerId jane = billing.subscriber("jane", BASIC_PRICE, SubscriptionStatus.ACTIVE);

        SubscriptionView view = service.changePlan(jane, PRO_PRICE, Optional.empty());

        assertThat(writes()).containsExactly("changePriceNow");
        assertThat(view.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(view.pendingChange()).isEmpty();
        assertThat(view.currentPeriod()).isEqualTo(PERIOD);
        assertThat(stored(jane).plan()).isEqualTo(PlanId.PRO);
        assertThat(billing.current.entitlementOf(jane, billing.clock.now()).plan().id()).isEqualTo(PlanId.PRO);
        assertThat(billing.actions.of(BillingAction.Kind.UPGRADE)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.SUCCEEDED));
    }

    @Test
    void a_declined_upgrade_keeps_the_old_plan_answers_payment_declined_and_blocks_changes_while_it_waits() {
        CustomerId jane = billing.subscriber("jane", BASIC_PRICE, SubscriptionStatus.ACTIVE);
        billing.stripe.declinesCards();

        rejected(() -> service.changePlan(jane, PRO_PRICE, Optional.of("k-up")), BillingRejection.Reason.PAYMENT_DECLINED);

        assertThat(stored(jane).plan()).isEqualTo(PlanId.BASIC);
        assertThat(stored(jane).upgradeAwaitingPayment()).isPresent();
        assertThat(billing.current.entitlementOf(jane, billing.clock.now()).plan().id()).isEqualTo(PlanId.BASIC);
        assertThat(billing.actions.of(BillingAction.Kind.UPGRADE)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.FAILED));
        rejected(() -> service.changePlan(jane, PRO_PRICE, Optional.of("k-up")), BillingRejection.Reason.PAYMENT_DECLINED);
        rejected(() -> service.changePlan(jane, PRO_PRICE, Optional.empty()), BillingRejection.Reason.CHANGE_PENDING);
        assertThat(writes()).containsExactly("changePriceNow");
    }

    @Test
    void with_stripe_tax_configured_an_upgrade_of_an_untaxed_subscription_turns_tax_on_first() {
        service = serviceFor(billing, true);
        CustomerId jane = billing.subscriber("jane", BASIC_PRICE, SubscriptionStatus.ACTIVE);

        service.changePlan(jane, PRO_PRICE, Optional.empty());

        assertThat(writes()).containsExactly("enableAutomaticTax", "changePriceNow");
        assertThat(billing.actions.of(BillingAction.Kind.ENABLE_TAX)).hasSize(1);
        assertThat(stored(jane).plan()).isEqualTo(PlanId.PRO);
        service.changePlan(jane, BASIC_PRICE, Optional.empty());
        assertThat(writes()).as("a taxed subscription is not taxed again").containsOnlyOnce("enableAutomaticTax");
    }

    @Test
    void a_double_click_whose_twin_made_the_schedule_first_answers_the_downgrade_not_stripes_refusal() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        ChangeSubscriptionService twin = serviceFor(billing, false);
        billing.stripe.beforeNextWrite("scheduleFromSubscription",
                () -> twin.changePlan(jane, BASIC_PRICE, Optional.empty()));

        SubscriptionView view = service.changePlan(jane, BASIC_PRICE, Optional.empty());

        assertThat(view.pendingChange()).contains(new PendingChange(PlanId.BASIC, PERIOD.end()));
        assertThat(billing.stripe.scheduledChanges()).hasSize(1);
    }

    @Test
    void a_card_refused_outright_is_passed_on_and_the_action_ends_failed() {
        CustomerId jane = billing.subscriber("jane", BASIC_PRICE, SubscriptionStatus.ACTIVE);
        billing.stripe.failNextWriteWith(new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.CARD_DECLINED, "Your card was declined.", null));

        assertThatThrownBy(() -> service.changePlan(jane, PRO_PRICE, Optional.empty()))
                .isInstanceOf(PaymentGatewayException.Rejected.class);
        assertThat(stored(jane).plan()).isEqualTo(PlanId.BASIC);
        assertThat(billing.actions.of(BillingAction.Kind.UPGRADE)).singleElement()
                .satisfies(action -> assertThat(action.state()).isEqualTo(BillingAction.State.FAILED));
    }

    @Test
    void a_downgrade_is_scheduled_for_the_period_end_and_the_current_plan_stays_until_then() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        SubscriptionView view = service.changePlan(jane, BASIC_PRICE, Optional.empty());

        assertThat(writes()).containsExactly("scheduleFromSubscription", "schedulePlanChange");
        assertThat(billing.stripe.writes()).extracting(FakeStripe.Write::idempotencyKey).doesNotHaveDuplicates();
        assertThat(billing.stripe.scheduledChanges()).singleElement().satisfies(phases -> {
            assertThat(phases.currentPhase()).isEqualTo(PERIOD);
            assertThat(phases.currentPrices()).containsExactly(PRO_PRICE);
            assertThat(phases.nextPrices()).containsExactly(BASIC_PRICE);
            assertThat(phases.automaticTax()).isFalse();
        });
        assertThat(view.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(view.pendingChange()).contains(new PendingChange(PlanId.BASIC, PERIOD.end()));
        assertThat(stored(jane).pendingChange()).contains(new PendingChange(PlanId.BASIC, PERIOD.end()));
        assertThat(billing.current.entitlementOf(jane, billing.clock.now()).plan().id()).isEqualTo(PlanId.PRO);
        assertThat(billing.actions.of(BillingAction.Kind.CREATE_SCHEDULE)).hasSize(1);
        assertThat(billing.actions.of(BillingAction.Kind.SCHEDULE_DOWNGRADE)).hasSize(1);
    }

    @Test
    void with_overage_billing_the_metered_price_stays_in_the_next_phase_and_stripe_tax_follows_the_setting() {
        billing = new TestBilling(Optional.of(METERED_PRICE));
        service = serviceFor(billing, true);
        CustomerId jane = new CustomerId("jane");
        SubscriptionSnapshot pro = TestBilling.stripeSubscription("sub_jane", new StripeCustomerId("cus_jane"), jane,
                PRO_PRICE, SubscriptionStatus.ACTIVE);
        SubscriptionSnapshot withMetered = new SubscriptionSnapshot(pro.id(), pro.customer(), pro.customerIdMetadata(),
                pro.status(), List.of(pro.items().get(0), new SubscriptionItem(new SubscriptionItemId("si_metered"),
                        METERED_PRICE)), pro.currentPeriod(), false, Optional.empty(), false, pro.created(), Optional.empty());
        billing.stripe.hasSubscription(withMetered);
        billing.tx.call(() -> billing.mirror.apply(withMetered, billing.clock.now(), Optional.of(jane)));

        service.changePlan(jane, BASIC_PRICE, Optional.empty());

        PlanChangeSchedule phases = billing.stripe.scheduledChanges().get(0);
        assertThat(phases.currentPrices()).containsExactly(PRO_PRICE, METERED_PRICE);
        assertThat(phases.nextPrices()).containsExactly(BASIC_PRICE, METERED_PRICE);
        assertThat(phases.meteredPrice()).contains(METERED_PRICE);
        assertThat(phases.automaticTax()).isTrue();
    }

    @Test
    void the_current_price_again_releases_a_pending_downgrade() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.changePlan(jane, BASIC_PRICE, Optional.empty());

        SubscriptionView view = service.changePlan(jane, PRO_PRICE, Optional.empty());

        assertThat(writes()).containsExactly("scheduleFromSubscription", "schedulePlanChange", "releaseSchedule");
        assertThat(view.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(view.pendingChange()).isEmpty();
        assertThat(stored(jane).pendingChange()).isEmpty();
    }

    @Test
    void the_current_price_without_a_pending_change_changes_nothing() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        assertThat(service.changePlan(jane, PRO_PRICE, Optional.empty()).plan().id()).isEqualTo(PlanId.PRO);
        assertThat(writes()).isEmpty();
    }

    @Test
    void an_upgrade_with_a_downgrade_pending_releases_the_schedule_first() {
        billing = new TestBilling(com.agentmarket.billing.domain.plan.PlanCatalog.standard(java.util.Map.of(
                PlanId.BASIC, BASIC_PRICE, PlanId.PRO, PRO_PRICE, PlanId.ENTERPRISE, new PriceId("price_enterprise"))));
        service = serviceFor(billing, false);
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.changePlan(jane, BASIC_PRICE, Optional.empty());

        SubscriptionView view = service.changePlan(jane, new PriceId("price_enterprise"), Optional.of("k-up"));

        assertThat(writes()).containsExactly("scheduleFromSubscription", "schedulePlanChange", "releaseSchedule",
                "changePriceNow");
        assertThat(view.plan().id()).isEqualTo(PlanId.ENTERPRISE);
        assertThat(view.pendingChange()).isEmpty();
    }

    @Test
    void cancelling_with_a_downgrade_pending_releases_the_schedule_then_cancels_at_the_period_end() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.changePlan(jane, BASIC_PRICE, Optional.empty());

        var scheduled = service.cancelAtPeriodEnd(jane, Optional.empty());

        assertThat(writes()).containsExactly("scheduleFromSubscription", "schedulePlanChange", "releaseSchedule",
                "cancelAtPeriodEnd");
        assertThat(scheduled.cancelAt()).isEqualTo(PERIOD.end());
        assertThat(stored(jane).pendingChange()).isEmpty();
    }

    @Test
    void a_downgrade_of_a_subscription_that_ends_at_the_period_end_is_refused() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.cancelAtPeriodEnd(jane, Optional.empty());

        rejected(() -> service.changePlan(jane, BASIC_PRICE, Optional.empty()),
                BillingRejection.Reason.CANCELLATION_SCHEDULED);
        assertThat(writes()).containsExactly("cancelAtPeriodEnd");
    }

    @Test
    void a_customer_on_free_buys_through_checkout_and_an_unknown_price_is_refused() {
        rejected(() -> service.changePlan(new CustomerId("newcomer"), PRO_PRICE, Optional.empty()),
                BillingRejection.Reason.NOT_SUBSCRIBED);
        CustomerId jane = billing.subscriber("jane", BASIC_PRICE, SubscriptionStatus.ACTIVE);
        rejected(() -> service.changePlan(jane, new PriceId("price_elsewhere"), Optional.empty()),
                BillingRejection.Reason.UNKNOWN_PRICE);
        CustomerId ended = billing.subscriber("ended", BASIC_PRICE, SubscriptionStatus.CANCELED);
        rejected(() -> service.changePlan(ended, PRO_PRICE, Optional.empty()), BillingRejection.Reason.NOT_SUBSCRIBED);
        assertThat(writes()).isEmpty();
    }

    @Test
    void a_downgrade_interrupted_after_its_schedule_was_made_is_finished_by_its_retry_without_a_second_schedule() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        billing.stripe.failNextWriteWith("schedulePlanChange",
                new PaymentGatewayException.Unavailable("Stripe cannot be reached.", Duration.ofSeconds(5), null));

        assertThatThrownBy(() -> service.changePlan(jane, BASIC_PRICE, Optional.of("k-down")))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
        SubscriptionView view = service.changePlan(jane, BASIC_PRICE, Optional.of("k-down"));

        assertThat(writes()).containsExactly("scheduleFromSubscription", "schedulePlanChange");
        assertThat(view.pendingChange()).contains(new PendingChange(PlanId.BASIC, PERIOD.end()));
    }

    @Test
    void a_change_retried_with_its_key_after_it_succeeded_writes_nothing_again() {
        CustomerId jane = billing.subscriber("jane", BASIC_PRICE, SubscriptionStatus.ACTIVE);

        service.changePlan(jane, PRO_PRICE, Optional.of("k1"));
        SubscriptionView again = service.changePlan(jane, PRO_PRICE, Optional.of("k1"));

        assertThat(again.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(writes()).containsExactly("changePriceNow");
    }

    @Test
    void at_renewal_stripe_moves_to_the_next_phase_and_the_sync_shows_the_new_plan_without_a_pending_change() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
        service.changePlan(jane, BASIC_PRICE, Optional.empty());
        billing.stripe.renews(stored(jane).id());
        billing.clock.advance(Duration.ofDays(15));

        billing.sync.syncFromStripe(stored(jane).id(), Optional.empty());

        assertThat(stored(jane).plan()).isEqualTo(PlanId.BASIC);
        assertThat(stored(jane).pendingChange()).isEmpty();
        assertThat(stored(jane).currentPeriod().start()).isEqualTo(PERIOD.end());
    }
}
