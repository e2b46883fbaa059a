package com.agentmarket.billing.application.webhook;

import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.InMemoryInvoiceRepository;
import com.agentmarket.billing.application.fakes.InMemoryNotificationOutbox;
import com.agentmarket.billing.application.fakes.InMemoryWebhookInbox;
import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.fakes.TestWork;
import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookVerifier;
import com.agentmarket.billing.application.work.DueWorkSettings;
import com.agentmarket.billing.application.work.RetryPolicy;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkSettings;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.PendingChange;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WebhookProcessingTest {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final StripeCustomerId CUS = new StripeCustomerId("cus_jane");
    private static final StripeSubscriptionId SUB = new StripeSubscriptionId("sub_jane");

    private final TestBilling billing = new TestBilling();
    private final InMemoryWebhookInbox inbox = new InMemoryWebhookInbox();
    private final InMemoryInvoiceRepository invoices = billing.invoices;
    private final InMemoryNotificationOutbox outbox = billing.outbox;
    private WebhookSettings settings = new WebhookSettings(true);
    /** Three attempts, a second after the first failure. */
    private final DueWorkSettings work = TestWork.settings().with(WorkKind.WEBHOOK_EVENT, new WorkSettings(
            Duration.ofMillis(500), 10, Duration.ofMinutes(5), 1, new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofHours(1), 3)));
    private final List<VerifiedEvent> delivered = new ArrayList<>();
    private final WebhookVerifier verifier = (payload, header) -> delivered.remove(0);

    private ProcessWebhookEventsService worker() {
        WebhookHandlers handlers = new WebhookHandlers(billing.stripe, billing.sync, billing.duplicates, billing.customers,
                billing.invoiceRecords, billing.standing, billing.attempts, billing.actions, billing.flags, outbox, settings,
                billing.tx, billing.clock);
        return new ProcessWebhookEventsService(inbox, handlers, TestWork.runner(inbox.work(), work, billing.clock));
    }

    private ReceiveWebhookService receiver() {
        return new ReceiveWebhookService(verifier, inbox, billing.stripe, billing.tx, billing.clock);
    }

    private static VerifiedEvent event(String id, String type, String objectId, int invoiceAttempt) {
        return new VerifiedEvent(id, type, false, Optional.of("2026-07-29.dahlia"), Instant.parse("2026-08-03T10:00:00Z"),
                Optional.of(objectId), invoiceAttempt > 0 ? OptionalInt.of(invoiceAttempt) : OptionalInt.empty());
    }

    private void deliver(VerifiedEvent event) {
        delivered.add(event);
        receiver().receive(new byte[0], "t=1,v1=x");
    }

    private void processAll() {
        while (worker().processDue() > 0) {
            billing.clock.advance(Duration.ofMillis(1));
        }
    }

    private void stripeHasJanesSubscription(SubscriptionStatus status) {
        billing.stripe.hasSubscription(TestBilling.stripeSubscription(SUB.value(), CUS, JANE, PRO_PRICE, status));
    }

    private InvoiceSnapshot invoice(String id, String status, String created) {
        return new InvoiceSnapshot(id, CUS, Optional.of(SUB), status, Money.usd(9900),
                status.equals("paid") ? Money.usd(9900) : Money.usd(0), 1, Instant.parse(created), Optional.empty(),
                Optional.of("https://invoice.stripe.com/i/" + id), Optional.empty(), Optional.of("jane.from.stripe@example.com"),
                Money.usd(0));
    }

    private Customer jane() {
        return billing.customers.find(JANE).orElseThrow();
    }

    @Test
    void a_subscription_event_applies_what_stripe_says_now_not_the_events_copy() {
        stripeHasJanesSubscription(SubscriptionStatus.PAST_DUE);

        deliver(event("evt_1", "customer.subscription.updated", SUB.value(), 0));
        processAll();

        assertThat(billing.subscriptions.find(SUB).orElseThrow().status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(jane().stripeSubscriptionId()).contains(SUB);
        assertThat(inbox.find("evt_1").orElseThrow().status()).isEqualTo(InboxEvent.Status.PROCESSED);
    }

    @Test
    void the_end_of_a_trial_is_announced_once_and_shown_on_the_subscription() {
        billing.customers.save(Customer.register(JANE, Optional.of(new Email("jane@example.com"))));
        SubscriptionSnapshot plain = TestBilling.stripeSubscription(SUB.value(), CUS, JANE, PRO_PRICE,
                SubscriptionStatus.TRIALING);
        Instant trialEnd = Instant.parse("2026-08-24T10:00:00Z");
        billing.stripe.hasSubscription(new SubscriptionSnapshot(plain.id(), plain.customer(), plain.customerIdMetadata(),
                plain.status(), plain.items(), plain.currentPeriod(), false, Optional.empty(), false, plain.created(),
                Optional.empty(), Optional.of(trialEnd)));

        deliver(event("evt_trial", "customer.subscription.trial_will_end", SUB.value(), 0));
        deliver(event("evt_trial_again", "customer.subscription.trial_will_end", SUB.value(), 0));
        processAll();

        assertThat(outbox.all()).extracting(n -> n.key()).containsExactly("trial-will-end:" + SUB.value() + ":"
                + trialEnd.getEpochSecond());
        assertThat(outbox.all().get(0).body()).contains("2026-08-24");
        assertThat(billing.subscriptions.find(SUB).orElseThrow().trialEnd()).contains(trialEnd);
    }

    @Test
    void checkout_completed_links_the_stripe_customer_and_activates_the_paid_tier() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        billing.stripe.hasCheckoutSession(new CheckoutSessionSnapshot("cs_1", Optional.of(JANE.value()), Optional.of(CUS),
                Optional.of(SUB), "complete", false, Optional.of("jane@example.com"), Optional.of(JANE.value()),
                Instant.parse("2026-08-03T09:00:00Z")));

        deliver(event("evt_cs", "checkout.session.completed", "cs_1", 0));
        processAll();

        assertThat(jane().stripeCustomerId()).contains(CUS);
        assertThat(billing.current.entitlementOf(JANE, billing.clock.now()).plan().id()).isEqualTo(PlanId.PRO);
    }

    @Test
    void deletion_downgrades_to_free() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        deliver(event("evt_created", "customer.subscription.created", SUB.value(), 0));
        processAll();
        stripeHasJanesSubscription(SubscriptionStatus.CANCELED);

        deliver(event("evt_deleted", "customer.subscription.deleted", SUB.value(), 0));
        processAll();

        assertThat(billing.current.entitlementOf(JANE, billing.clock.now()).plan().id()).isEqualTo(PlanId.FREE);
    }

    @Test
    void a_failed_payment_notifies_once_per_invoice_and_attempt_and_suspends_when_configured() {
        billing.customers.save(Customer.register(JANE, Optional.of(new Email("jane@example.com"))));
        stripeHasJanesSubscription(SubscriptionStatus.PAST_DUE);
        billing.stripe.hasInvoice(invoice("in_2", "open", "2026-09-03T10:00:00Z"));

        deliver(event("evt_fail_1", "invoice.payment_failed", "in_2", 1));
        deliver(event("evt_fail_1", "invoice.payment_failed", "in_2", 1));
        deliver(event("evt_fail_1_again", "invoice.payment_failed", "in_2", 1));
        deliver(event("evt_fail_2", "invoice.payment_failed", "in_2", 2));
        processAll();
        inbox.work().replay(WorkKind.WEBHOOK_EVENT, "evt_fail_1", billing.clock.now());
        processAll();

        assertThat(outbox.all()).extracting(n -> n.key())
                .containsExactly("payment-failed:in_2:1", "payment-failed:in_2:2");
        assertThat(outbox.all().get(0).recipient()).contains(new Email("jane@example.com"));
        assertThat(jane().isSuspended()).isTrue();
    }

    @Test
    void without_the_setting_a_failed_payment_only_notifies() {
        settings = new WebhookSettings(false);
        stripeHasJanesSubscription(SubscriptionStatus.PAST_DUE);
        billing.stripe.hasInvoice(invoice("in_2", "open", "2026-09-03T10:00:00Z"));

        deliver(event("evt_fail", "invoice.payment_failed", "in_2", 1));
        processAll();

        assertThat(outbox.all()).hasSize(1);
        assertThat(outbox.all().get(0).recipient()).as("Stripe's address, as the token never gave one")
                .contains(new Email("jane.from.stripe@example.com"));
        assertThat(jane().isSuspended()).isFalse();
    }

    @Test
    void paying_the_failed_invoice_lifts_the_suspension() {
        stripeHasJanesSubscription(SubscriptionStatus.PAST_DUE);
        billing.stripe.hasInvoice(invoice("in_2", "open", "2026-09-03T10:00:00Z"));
        deliver(event("evt_fail", "invoice.payment_failed", "in_2", 1));
        processAll();
        billing.stripe.hasInvoice(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);

        deliver(event("evt_paid", "invoice.paid", "in_2", 0));
        processAll();

        assertThat(jane().isSuspended()).isFalse();
        assertThat(invoices.find("in_2").orElseThrow().status()).isEqualTo("paid");
    }

    @Test
    void a_failure_that_arrives_after_a_later_payment_suspends_nobody() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        billing.stripe.hasInvoice(invoice("in_3", "paid", "2026-10-03T10:00:00Z"));
        billing.stripe.hasInvoice(invoice("in_2", "uncollectible", "2026-09-03T10:00:00Z"));

        deliver(event("evt_paid_later", "invoice.paid", "in_3", 0));
        deliver(event("evt_fail_earlier", "invoice.payment_failed", "in_2", 1));
        processAll();

        assertThat(jane().isSuspended()).isFalse();
    }

    @Test
    void a_failure_event_for_an_invoice_paid_meanwhile_changes_nothing() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        billing.stripe.hasInvoice(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));

        deliver(event("evt_fail", "invoice.payment_failed", "in_2", 1));
        processAll();

        assertThat(outbox.all()).isEmpty();
        assertThat(jane().isSuspended()).isFalse();
    }

    @Test
    void a_payment_needing_confirmation_notifies_without_suspending() {
        stripeHasJanesSubscription(SubscriptionStatus.INCOMPLETE);
        billing.stripe.hasInvoice(invoice("in_1", "open", "2026-08-03T10:00:00Z"));

        deliver(event("evt_3ds", "invoice.payment_action_required", "in_1", 1));
        processAll();

        assertThat(outbox.all()).extracting(n -> n.key()).containsExactly("payment-action-required:in_1:1");
        assertThat(outbox.all().get(0).body()).contains("https://invoice.stripe.com/i/in_1");
        assertThat(jane().isSuspended()).isFalse();
    }

    @Test
    void an_unreachable_stripe_is_retried_with_backoff_and_then_succeeds() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        deliver(event("evt_1", "customer.subscription.updated", SUB.value(), 0));
        billing.stripe.failNextCallWith(new PaymentGatewayException.Unavailable("down", Duration.ofSeconds(1), null));

        worker().processDue();
        assertThat(inbox.find("evt_1").orElseThrow().status()).isEqualTo(InboxEvent.Status.RETRYING);
        assertThat(worker().processDue()).as("not due before the backoff").isZero();
        billing.clock.advance(Duration.ofSeconds(1));
        worker().processDue();

        assertThat(inbox.find("evt_1").orElseThrow().status()).isEqualTo(InboxEvent.Status.PROCESSED);
        assertThat(inbox.find("evt_1").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void a_poison_event_ends_dead_after_the_last_attempt() {
        billing.stripe.hasInvoice(new InvoiceSnapshot("in_stranger", new StripeCustomerId("cus_stranger"), Optional.empty(),
                "paid", Money.usd(100), Money.usd(100), 1, Instant.parse("2026-08-03T10:00:00Z"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Money.usd(0)));
        deliver(event("evt_poison", "invoice.paid", "in_stranger", 0));

        for (int attempt = 0; attempt < 3; attempt++) {
            worker().processDue();
            billing.clock.advance(Duration.ofMinutes(10));
        }

        InboxEvent dead = inbox.find("evt_poison").orElseThrow();
        assertThat(dead.status()).isEqualTo(InboxEvent.Status.DEAD);
        assertThat(dead.outcome().orElseThrow()).contains("cus_stranger");
        assertThat(worker().processDue()).isZero();
    }

    @Test
    void events_of_another_type_or_mode_are_stored_and_not_applied() {
        deliver(event("evt_other", "customer.updated", "cus_jane", 0));
        deliver(new VerifiedEvent("evt_live", "customer.subscription.updated", true, Optional.empty(),
                Instant.parse("2026-08-03T10:00:00Z"), Optional.of(SUB.value()), OptionalInt.empty()));
        processAll();

        assertThat(inbox.find("evt_other").orElseThrow().outcome().orElseThrow()).contains("not handled");
        assertThat(inbox.find("evt_live").orElseThrow().outcome().orElseThrow()).contains("live-mode event");
        assertThat(billing.subscriptions.find(SUB)).isEmpty();
        assertThat(billing.stripe.mode()).isEqualTo(GatewayMode.TEST);
    }

    @Test
    void a_redelivered_event_is_acknowledged_and_changes_nothing() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        deliver(event("evt_1", "customer.subscription.created", SUB.value(), 0));

        delivered.add(event("evt_1", "customer.subscription.created", SUB.value(), 0));
        assertThat(receiver().receive(new byte[0], "sig").duplicate()).isTrue();
        assertThat(inbox.list(Optional.empty(), 0, 10).total()).isEqualTo(1);
    }

    @Test
    void the_subscription_of_a_plan_that_changed_in_stripe_follows_the_new_price() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        deliver(event("evt_1", "customer.subscription.created", SUB.value(), 0));
        processAll();
        billing.stripe.hasSubscription(TestBilling.stripeSubscription(SUB.value(), CUS, JANE, BASIC_PRICE,
                SubscriptionStatus.ACTIVE));

        deliver(event("evt_2", "customer.subscription.updated", SUB.value(), 0));
        processAll();

        assertThat(billing.subscriptions.find(SUB).orElseThrow().plan()).isEqualTo(PlanId.BASIC);
    }

    /** Jane's Pro subscription under a schedule that moves it to Basic at the period's end. */
    private String stripeSchedulesJanesDowngrade() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        String schedule = billing.stripe.scheduleFromSubscription(SUB, "k-schedule");
        billing.stripe.schedulePlanChange(new com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule(
                schedule, TestBilling.PERIOD, List.of(PRO_PRICE), List.of(BASIC_PRICE), Optional.empty(), false), "k-phases");
        return schedule;
    }

    @Test
    void a_schedule_event_syncs_its_subscription_with_the_pending_downgrade() {
        String schedule = stripeSchedulesJanesDowngrade();

        deliver(event("evt_s", "subscription_schedule.updated", schedule, 0));
        processAll();

        Subscription stored = billing.subscriptions.find(SUB).orElseThrow();
        assertThat(stored.plan()).isEqualTo(PlanId.PRO);
        assertThat(stored.pendingChange()).contains(new PendingChange(PlanId.BASIC, TestBilling.PERIOD.end()));
        assertThat(inbox.find("evt_s").orElseThrow().status()).isEqualTo(InboxEvent.Status.PROCESSED);
    }

    @Test
    void at_renewal_the_phase_change_lands_the_same_whichever_event_comes_first() {
        for (List<String> order : List.of(List.of("customer.subscription.updated", "subscription_schedule.updated"),
                List.of("subscription_schedule.updated", "customer.subscription.updated"))) {
            TestBilling fresh = new TestBilling();
            WebhookHandlers handlers = new WebhookHandlers(fresh.stripe, fresh.sync, fresh.duplicates, fresh.customers,
                    fresh.invoiceRecords, fresh.standing, fresh.attempts, fresh.actions, fresh.flags, fresh.outbox, settings,
                    fresh.tx, fresh.clock);
            fresh.stripe.hasSubscription(TestBilling.stripeSubscription(SUB.value(), CUS, JANE, PRO_PRICE,
                    SubscriptionStatus.ACTIVE));
            String schedule = fresh.stripe.scheduleFromSubscription(SUB, "k-schedule");
            fresh.stripe.schedulePlanChange(new com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule(
                    schedule, TestBilling.PERIOD, List.of(PRO_PRICE), List.of(BASIC_PRICE), Optional.empty(), false),
                    "k-phases");
            handlers.handle(event("evt_0", "subscription_schedule.created", schedule, 0));
            fresh.stripe.renews(SUB);
            fresh.clock.advance(Duration.ofDays(14));

            for (String type : order) {
                handlers.handle(event("evt_" + type, type, type.startsWith("subscription_schedule") ? schedule : SUB.value(), 0));
            }

            Subscription stored = fresh.subscriptions.find(SUB).orElseThrow();
            assertThat(stored.plan()).as("order %s", order).isEqualTo(PlanId.BASIC);
            assertThat(stored.pendingChange()).as("order %s", order).isEmpty();
            assertThat(stored.currentPeriod().start()).isEqualTo(TestBilling.PERIOD.end());
        }
    }

    @Test
    void a_completed_session_this_service_did_not_create_for_the_customer_is_flagged_and_not_linked() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        billing.stripe.hasCheckoutSession(new CheckoutSessionSnapshot("cs_link", Optional.of(JANE.value()),
                Optional.of(CUS), Optional.of(SUB), "complete", false, Optional.empty(), Optional.empty(),
                Instant.parse("2026-08-03T09:00:00Z")));

        deliver(event("evt_link", "checkout.session.completed", "cs_link", 0));
        processAll();

        assertThat(billing.customers.find(JANE)).isEmpty();
        assertThat(inbox.find("evt_link").orElseThrow().status()).isEqualTo(InboxEvent.Status.PROCESSED);
        assertThat(inbox.find("evt_link").orElseThrow().outcome().orElseThrow()).contains("not linked");
        assertThat(billing.operatorFlags.all()).singleElement().satisfies(flag -> {
            assertThat(flag.kind()).isEqualTo(com.agentmarket.billing.application.flag.OperatorFlag.Kind.UNVERIFIED_CHECKOUT);
            assertThat(flag.subject()).isEqualTo("cs_link");
        });
    }

    @Test
    void a_session_this_service_created_links_even_without_metadata() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        billing.actions.begin(new com.agentmarket.billing.application.shared.port.out.BillingAction("key-1", JANE,
                com.agentmarket.billing.application.shared.port.out.BillingAction.Kind.CHECKOUT, Optional.empty(), "fp",
                com.agentmarket.billing.application.shared.port.out.BillingAction.State.PENDING, Optional.empty(),
                Optional.empty(), billing.clock.now(), Optional.empty()));
        billing.actions.succeeded("key-1", Optional.of("cs_ours"), Optional.of("https://checkout.stripe.com/c/pay/cs_ours"),
                billing.clock.now());
        billing.stripe.hasCheckoutSession(new CheckoutSessionSnapshot("cs_ours", Optional.of(JANE.value()),
                Optional.of(CUS), Optional.of(SUB), "complete", false, Optional.empty(), Optional.empty(),
                Instant.parse("2026-08-03T09:00:00Z")));

        deliver(event("evt_ours", "checkout.session.completed", "cs_ours", 0));
        processAll();

        assertThat(jane().stripeCustomerId()).contains(CUS);
        assertThat(billing.actions.findCheckout(JANE, "cs_ours").orElseThrow().closure())
                .contains(com.agentmarket.billing.application.shared.port.out.BillingAction.Closure.COMPLETE);
    }

    private static final StripeSubscriptionId NEXT = new StripeSubscriptionId("sub_next");

    private void failedRenewalSuspendsJane() {
        stripeHasJanesSubscription(SubscriptionStatus.PAST_DUE);
        billing.stripe.hasInvoice(invoice("in_2", "open", "2026-09-03T10:00:00Z"));
        deliver(event("evt_fail", "invoice.payment_failed", "in_2", 1));
        processAll();
        assertThat(jane().isSuspended()).isTrue();
    }

    private void stripeHasJanesNextSubscriptionPaid() {
        billing.stripe.hasSubscription(new com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot(NEXT, CUS,
                Optional.of(JANE.value()), SubscriptionStatus.ACTIVE, java.util.List.of(new com.agentmarket.billing.domain
                .subscription.SubscriptionItem(new com.agentmarket.billing.domain.subscription.SubscriptionItemId("si_next"),
                        BASIC_PRICE)), TestBilling.PERIOD, false, Optional.empty(), false,
                Instant.parse("2026-09-10T10:00:00Z"), Optional.of("in_next")));
        billing.stripe.hasInvoice(new InvoiceSnapshot("in_next", CUS, Optional.of(NEXT), "paid", Money.usd(2900),
                Money.usd(2900), 1, Instant.parse("2026-09-10T10:00:00Z"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Money.usd(0)));
    }

    @Test
    void a_suspension_lifts_once_the_failed_subscription_ended_and_a_new_one_is_paid() {
        failedRenewalSuspendsJane();
        stripeHasJanesSubscription(SubscriptionStatus.CANCELED);
        deliver(event("evt_deleted", "customer.subscription.deleted", SUB.value(), 0));
        stripeHasJanesNextSubscriptionPaid();
        deliver(event("evt_next_paid", "invoice.paid", "in_next", 0));
        processAll();

        assertThat(jane().isSuspended()).isFalse();
        assertThat(jane().stripeSubscriptionId()).contains(NEXT);
    }

    @Test
    void a_payment_on_the_new_subscription_before_the_old_ones_end_is_known_lifts_it_and_a_late_failure_changes_nothing() {
        failedRenewalSuspendsJane();
        stripeHasJanesSubscription(SubscriptionStatus.CANCELED);
        stripeHasJanesNextSubscriptionPaid();

        deliver(event("evt_next_paid", "invoice.paid", "in_next", 0));
        processAll();
        assertThat(jane().isSuspended()).isFalse();
        assertThat(billing.stripe.writes("cancelNow")).as("the new one is not a duplicate: the old one ended").isEmpty();

        deliver(event("evt_deleted", "customer.subscription.deleted", SUB.value(), 0));
        deliver(event("evt_fail_again", "invoice.payment_failed", "in_2", 2));
        processAll();

        assertThat(jane().isSuspended()).isFalse();
    }

    @Test
    void a_paid_invoice_never_goes_back_to_unpaid_on_an_older_answer() {
        stripeHasJanesSubscription(SubscriptionStatus.ACTIVE);
        billing.stripe.hasInvoice(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));
        deliver(event("evt_paid", "invoice.paid", "in_2", 0));
        processAll();
        billing.clock.advance(Duration.ofSeconds(1));
        billing.stripe.hasInvoice(invoice("in_2", "open", "2026-09-03T10:00:00Z"));

        deliver(event("evt_late_failure", "invoice.payment_failed", "in_2", 1));
        processAll();

        assertThat(invoices.find("in_2").orElseThrow().status()).isEqualTo("paid");
        assertThat(jane().isSuspended()).isFalse();
        assertThat(outbox.all()).isEmpty();
    }
}
