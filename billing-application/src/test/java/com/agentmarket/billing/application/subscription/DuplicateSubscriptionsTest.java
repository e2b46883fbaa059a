package com.agentmarket.billing.application.subscription;

import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PERIOD;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DuplicateSubscriptionsTest {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final StripeCustomerId CUS = new StripeCustomerId("cus_jane");
    private static final StripeSubscriptionId FIRST = new StripeSubscriptionId("sub_first");
    private static final StripeSubscriptionId SECOND = new StripeSubscriptionId("sub_second");

    private final TestBilling billing = new TestBilling();

    /** Jane's subscription at Stripe, created at the given time, its latest invoice paid for the whole period. */
    private SubscriptionSnapshot subscription(StripeSubscriptionId id, PriceId price, SubscriptionStatus status,
            String created) {
        String invoice = "in_" + id.value().substring(4);
        billing.stripe.hasInvoice(new InvoiceSnapshot(invoice, CUS, Optional.of(id), "paid", Money.usd(2900),
                Money.usd(2900), 1, Instant.parse(created), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Money.usd(0)));
        SubscriptionSnapshot snapshot = new SubscriptionSnapshot(id, CUS, Optional.of(JANE.value()), status,
                List.of(new SubscriptionItem(new SubscriptionItemId("si_" + id.value().substring(4)), price)), PERIOD, false,
                Optional.empty(), false, Instant.parse(created), Optional.of(invoice));
        billing.stripe.hasSubscription(snapshot);
        return snapshot;
    }

    private void bothLive() {
        subscription(FIRST, PRO_PRICE, SubscriptionStatus.ACTIVE, "2026-08-03T10:00:00Z");
        subscription(SECOND, BASIC_PRICE, SubscriptionStatus.ACTIVE, "2026-08-20T11:00:00Z");
    }

    private SubscriptionStatus stored(StripeSubscriptionId id) {
        return billing.subscriptions.find(id).orElseThrow().status();
    }

    @Test
    void a_second_live_subscription_is_canceled_at_once_and_refunded_for_the_time_it_will_not_run() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());

        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(billing.stripe.writes("cancelNow")).hasSize(1);
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(stored(FIRST)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId()).contains(FIRST);
        assertThat(billing.current.entitlementOf(JANE, billing.clock.now()).plan().id()).isEqualTo(PlanId.PRO);
        Money expected = PERIOD.unusedShareOf(Money.usd(2900), billing.clock.now());
        assertThat(billing.stripe.refunds()).containsExactly(new com.agentmarket.billing.application.fakes.FakeStripe.Refund(
                "in_second", expected, "duplicate"));
        assertThat(expected.minorUnits()).as("2900 x (13 days 22 hours) / 31 days, rounded down").isEqualTo(1301);
        assertThat(billing.audit.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.action()).isEqualTo("subscription.cancel-duplicate"));
        assertThat(billing.outbox.all()).extracting(n -> n.key()).containsExactly("duplicate-subscription:sub_second");
        assertThat(billing.operatorFlags.all()).singleElement().satisfies(flag -> {
            assertThat(flag.kind()).isEqualTo(OperatorFlag.Kind.DUPLICATE_SUBSCRIPTION);
            assertThat(flag.subject()).isEqualTo("sub_second");
            assertThat(flag.customer()).contains(JANE);
        });
    }

    @Test
    void whichever_arrives_first_the_subscription_stripe_created_first_stays() {
        bothLive();
        billing.sync.syncFromStripe(SECOND, Optional.empty());

        billing.sync.syncFromStripe(FIRST, Optional.empty());

        assertThat(billing.stripe.writes("cancelNow")).hasSize(1);
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId()).contains(FIRST);
    }

    @Test
    void when_our_copy_of_the_first_is_stale_and_it_ended_the_second_is_the_customers_and_stays() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        subscription(FIRST, PRO_PRICE, SubscriptionStatus.CANCELED, "2026-08-03T10:00:00Z");

        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(billing.stripe.writes("cancelNow")).isEmpty();
        assertThat(billing.stripe.refunds()).isEmpty();
        assertThat(stored(FIRST)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId()).contains(SECOND);
    }

    @Test
    void a_failure_half_way_is_finished_by_the_retry_without_refunding_twice() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());

        failingCancel(() -> billing.sync.syncFromStripe(SECOND, Optional.empty()));
        assertThat(billing.stripe.refunds()).as("refunded before the cancellation").hasSize(1);
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.ACTIVE);
        billing.clock.advance(Duration.ofDays(2));

        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(billing.stripe.refunds()).as("once, even days later").hasSize(1);
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.audit.entries()).hasSize(1);
    }

    /** The refund goes through; Stripe is unreachable for the cancellation that follows. */
    private void failingCancel(Runnable sync) {
        billing.stripe.failNextWriteWith("cancelNow", new PaymentGatewayException.Unavailable("Stripe is down",
                Duration.ofSeconds(30), null));
        assertThatThrownBy(sync::run).isInstanceOf(PaymentGatewayException.Unavailable.class);
    }

    @Test
    void a_refund_never_gives_back_more_than_the_invoice_still_holds() {
        bothLive();
        billing.stripe.hasInvoice(new InvoiceSnapshot("in_second", CUS, Optional.of(SECOND), "paid", Money.usd(2900),
                Money.usd(2900), 1, Instant.parse("2026-08-20T11:00:00Z"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Money.usd(2000)));
        billing.sync.syncFromStripe(FIRST, Optional.empty());

        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(billing.stripe.refunds()).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).isEqualTo(Money.usd(900)));
    }

    @Test
    void a_refund_whose_answer_was_lost_is_not_made_again_even_after_stripe_forgot_its_key() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        billing.stripe.loseNextAnswerOf("refund", new PaymentGatewayException.Unavailable("timed out", Duration.ofSeconds(5),
                null));

        assertThatThrownBy(() -> billing.sync.syncFromStripe(SECOND, Optional.empty()))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
        billing.clock.advance(Duration.ofDays(2));
        billing.stripe.forgetIdempotencyKeys();
        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(billing.stripe.refunds()).as("the one refund Stripe made").hasSize(1);
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
    }

    @Test
    void a_refund_stripe_refuses_does_not_keep_the_second_subscription_alive_and_is_flagged() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        billing.stripe.failNextWriteWith("refund", new PaymentGatewayException.Rejected(
                PaymentGatewayException.Rejected.Kind.INVALID_REQUEST, "Refunds are not possible for this charge", null));

        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.operatorFlags.all()).singleElement()
                .satisfies(flag -> assertThat(flag.detail()).contains("refused by Stripe", "refund it by hand"));
    }

    @Test
    void an_invoice_paid_after_the_second_subscription_ended_is_refunded_then() {
        subscription(FIRST, PRO_PRICE, SubscriptionStatus.ACTIVE, "2026-08-03T10:00:00Z");
        subscription(SECOND, BASIC_PRICE, SubscriptionStatus.ACTIVE, "2026-08-20T11:00:00Z");
        InvoiceSnapshot processing = new InvoiceSnapshot("in_second", CUS, Optional.of(SECOND), "open", Money.usd(2900),
                Money.usd(0), 1, Instant.parse("2026-08-20T11:00:00Z"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Money.usd(0));
        billing.stripe.hasInvoice(processing);
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        billing.sync.syncFromStripe(SECOND, Optional.empty());
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.stripe.refunds()).as("nothing paid yet").isEmpty();
        billing.clock.advance(Duration.ofDays(3));

        billing.duplicates.refundIfEndedAsDuplicate(JANE, new InvoiceSnapshot("in_second", CUS, Optional.of(SECOND), "paid",
                Money.usd(2900), Money.usd(2900), 1, Instant.parse("2026-08-20T11:00:00Z"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Money.usd(0)));

        Money expected = PERIOD.unusedShareOf(Money.usd(2900), Instant.parse("2026-08-20T12:00:00Z"));
        assertThat(billing.stripe.refunds()).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).as("as of when the end was decided").isEqualTo(expected));
    }

    @Test
    void a_first_subscription_that_is_ending_gives_way_to_the_one_that_goes_on() {
        SubscriptionSnapshot ending = subscription(FIRST, PRO_PRICE, SubscriptionStatus.ACTIVE, "2026-08-03T10:00:00Z");
        billing.stripe.hasSubscription(new SubscriptionSnapshot(FIRST, CUS, ending.customerIdMetadata(), ending.status(),
                ending.items(), ending.currentPeriod(), true, Optional.of(ending.currentPeriod().end()), false, ending.created(),
                ending.latestInvoice()));
        subscription(SECOND, BASIC_PRICE, SubscriptionStatus.ACTIVE, "2026-08-20T11:00:00Z");
        billing.sync.syncFromStripe(FIRST, Optional.empty());

        billing.sync.syncFromStripe(SECOND, Optional.empty());

        assertThat(stored(FIRST)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(billing.customers.find(JANE).orElseThrow().stripeSubscriptionId()).contains(SECOND);
    }

    /** FIRST as Stripe reports it now: its end scheduled at the period's end. */
    private void firstScheduledToEnd() {
        SubscriptionSnapshot first = billing.stripe.subscription(FIRST).orElseThrow();
        billing.stripe.hasSubscription(new SubscriptionSnapshot(FIRST, CUS, first.customerIdMetadata(), first.status(),
                first.items(), first.currentPeriod(), true, Optional.of(first.currentPeriod().end()), false, first.created(),
                first.latestInvoice()));
    }

    @Test
    void a_duplicate_decided_on_an_older_answer_is_decided_again_on_stripes_current_answers() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        // Decided "keep FIRST, end SECOND" on answers where FIRST went on; Stripe now says FIRST ends at the period's
        // end, so SECOND is the one that goes on and is not ended.
        firstScheduledToEnd();

        billing.duplicates.resolve(new SubscriptionMirror.Duplicate(JANE, FIRST, SECOND));

        assertThat(billing.stripe.writes("cancelNow")).isEmpty();
        assertThat(billing.stripe.refunds()).isEmpty();
        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void a_resolver_whose_kept_one_is_being_ended_as_a_duplicate_of_this_one_ends_nothing() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        failingCancel(() -> billing.sync.syncFromStripe(SECOND, Optional.empty()));
        int cancelsBefore = billing.stripe.writes("cancelNow").size();
        // Another server, on answers where FIRST was the one ending, decides to keep SECOND and end FIRST.
        firstScheduledToEnd();

        billing.duplicates.resolve(new SubscriptionMirror.Duplicate(JANE, SECOND, FIRST));

        assertThat(billing.stripe.writes("cancelNow")).as("the end of SECOND was decided first").hasSize(cancelsBefore);
        assertThat(stored(FIRST)).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void a_decided_end_is_carried_through_even_when_the_kept_one_ended_since_so_no_refunded_subscription_runs_on() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        failingCancel(() -> billing.sync.syncFromStripe(SECOND, Optional.empty()));
        assertThat(billing.stripe.refunds()).hasSize(1);
        subscription(FIRST, PRO_PRICE, SubscriptionStatus.CANCELED, "2026-08-03T10:00:00Z");

        billing.duplicates.resolve(new SubscriptionMirror.Duplicate(JANE, FIRST, SECOND));

        assertThat(stored(SECOND)).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.stripe.refunds()).hasSize(1);
        assertThat(billing.operatorFlags.all()).singleElement()
                .satisfies(flag -> assertThat(flag.subject()).isEqualTo("sub_second"));
        assertThat(billing.outbox.all()).extracting(n -> n.key()).containsExactly("duplicate-subscription:sub_second");
    }

    @Test
    void the_refunded_invoice_paid_event_arriving_after_the_end_neither_refunds_again_nor_reopens_the_flag() {
        bothLive();
        billing.sync.syncFromStripe(FIRST, Optional.empty());
        billing.sync.syncFromStripe(SECOND, Optional.empty());
        OperatorFlag flag = billing.operatorFlags.all().get(0);
        billing.operatorFlags.resolve(flag.id(), "ops@agentmarket.example", billing.clock.now());

        billing.duplicates.refundIfEndedAsDuplicate(JANE, billing.stripe.invoice("in_second").orElseThrow());

        assertThat(billing.stripe.refunds()).hasSize(1);
        assertThat(billing.operatorFlags.countOpen()).isZero();
    }
}
