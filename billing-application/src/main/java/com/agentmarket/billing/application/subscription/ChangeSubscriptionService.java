package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.checkout.CheckoutOptions;
import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule;
import com.agentmarket.billing.application.payment.port.out.ScheduleSnapshot;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.application.subscription.port.in.CancelSubscription;
import com.agentmarket.billing.application.subscription.port.in.ChangePlan;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.in.ResumeSubscription;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanChange;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.PendingChange;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cancel, resume and change of plan. Each brings the subscription in Stripe to what the customer asked one Stripe
 * write at a time: it reads the subscription as Stripe has it now (not our copy, which may be behind a change made in
 * the customer portal or the Dashboard), stores it, decides the next write from it, records that write as an action
 * with its own idempotency key, calls Stripe outside any transaction, and goes on from Stripe's answer until nothing
 * is left to do. A request that fails half-way is finished by its retry from wherever Stripe stands.
 */
@ApplicationScoped
class ChangeSubscriptionService implements CancelSubscription, ResumeSubscription, ChangePlan {

    /**
     * The most writes one request makes: a change of plan takes two at most (release a schedule, then upgrade; create
     * a schedule, then give it its phases). More means Stripe kept changing underneath.
     */
    private static final int MAX_WRITES = 3;

    private final CustomerRepository customers;
    private final CurrentSubscriptions current;
    private final SubscriptionMirror mirror;
    private final ActionJournal journal;
    private final PaymentGateway gateway;
    private final GetMySubscription mySubscription;
    private final PlanCatalog catalog;
    private final CheckoutOptions options;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    ChangeSubscriptionService(CustomerRepository customers, CurrentSubscriptions current, SubscriptionMirror mirror,
            ActionJournal journal, PaymentGateway gateway, GetMySubscription mySubscription, PlanCatalog catalog,
            CheckoutOptions options, InTransaction tx, Clock clock) {
        this.customers = customers;
        this.current = current;
        this.mirror = mirror;
        this.journal = journal;
        this.gateway = gateway;
        this.mySubscription = mySubscription;
        this.catalog = catalog;
        this.options = options;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ChangeSubscriptionService() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * One Stripe write toward what was asked.
     *
     * @param target what the write aims at beyond the subscription (a price), for the action's fingerprint
     * @param call the call under the action's idempotency key; its answer when Stripe answers with the subscription
     */
    private record Write(BillingAction.Kind kind, String target, Function<String, Optional<SubscriptionSnapshot>> call) {
    }

    /** The next write, given the subscription as stored and as Stripe reported it and the writes made so far. */
    @FunctionalInterface
    private interface NextWrite {
        Optional<Write> after(Subscription subscription, SubscriptionSnapshot stripe, Set<BillingAction.Kind> done);
    }

    @Override
    public CancellationScheduled cancelAtPeriodEnd(CustomerId caller, Optional<String> clientKey) {
        Subscription changed = converge(caller, clientKey, ChangeSubscriptionService::noSubscription,
                (subscription, stripe, done) -> {
                    requireNotEnded(subscription);
                    boolean endsByPeriodEnd = subscription.scheduledEnd()
                            .filter(end -> !end.isAfter(subscription.currentPeriod().end())).isPresent();
                    if (endsByPeriodEnd) {
                        return Optional.empty();
                    }
                    // The subscription ends when the period does: a downgrade scheduled for then would never apply,
                    // and Stripe leaves the end of a scheduled subscription to its schedule.
                    return stripe.schedule().map(this::release).or(() -> Optional.of(new Write(BillingAction.Kind.CANCEL,
                            "", key -> Optional.of(gateway.scheduleCancellation(subscription.id(), key)))));
                });
        return new CancellationScheduled(changed.scheduledEnd().orElse(changed.currentPeriod().end()));
    }

    @Override
    public SubscriptionView resume(CustomerId caller, Optional<String> clientKey) {
        converge(caller, clientKey, ChangeSubscriptionService::noSubscription, (subscription, stripe, done) -> {
            requireNotEnded(subscription);
            if (subscription.status() == SubscriptionStatus.PAUSED) {
                return Optional.of(new Write(BillingAction.Kind.RESUME, "",
                        key -> Optional.of(gateway.resumePaused(subscription.id(), key))));
            }
            if (subscription.scheduledEnd().isPresent()) {
                boolean byDate = !subscription.cancelAtPeriodEnd();
                return Optional.of(new Write(BillingAction.Kind.RESUME, "",
                        key -> Optional.of(gateway.undoScheduledCancellation(subscription.id(), byDate, key))));
            }
            return Optional.empty();
        });
        return mySubscription.mySubscription(caller);
    }

    @Override
    public SubscriptionView changePlan(CustomerId caller, PriceId price, Optional<String> clientKey) {
        Plan target = catalog.soldBy(price).orElseThrow(() -> new BillingRejection(BillingRejection.Reason.UNKNOWN_PRICE,
                "price_id " + price + " is not one of the plans on sale; Free is reached by cancelling."));
        Subscription changed = converge(caller, clientKey, ChangeSubscriptionService::notSubscribed,
                (subscription, stripe, done) -> {
                    if (!subscription.entitlesAt(clock.now())) {
                        throw notSubscribed();
                    }
                    Plan now = catalog.plan(subscription.plan());
                    if (subscription.upgradeAwaitingPayment().filter(until -> until.isAfter(clock.now())).isPresent()) {
                        boolean thisRequestsUpgrade = done.contains(BillingAction.Kind.UPGRADE) || clientKey
                                .flatMap(key -> journal.recorded(caller, BillingAction.Kind.UPGRADE, key))
                                .filter(action -> action.state() == BillingAction.State.FAILED).isPresent();
                        throw thisRequestsUpgrade ? declined(now, target, subscription)
                                : new BillingRejection(BillingRejection.Reason.CHANGE_PENDING, "An upgrade waits for its "
                                + "payment until " + subscription.upgradeAwaitingPayment().get() + "; pay the open invoice "
                                + "or wait until then before changing the plan again.");
                    }
                    return switch (PlanChange.between(now, target)) {
                        case NONE -> stripe.schedule().map(this::release);
                        case UPGRADE -> stripe.schedule().map(this::release)
                                .or(() -> taxFirst(subscription, stripe))
                                .or(() -> Optional.of(upgrade(subscription, price)));
                        case DOWNGRADE -> downgrade(subscription, stripe, target);
                    };
                });
        return SubscriptionView.of(changed, catalog.plan(changed.plan()));
    }

    /**
     * With Stripe Tax configured, a subscription bought before it was turned on gets it first: the pending update an
     * upgrade makes cannot take {@code automatic_tax}, and its proration invoice is to be taxed like checkout's.
     */
    private Optional<Write> taxFirst(Subscription subscription, SubscriptionSnapshot stripe) {
        if (!options.automaticTax() || stripe.automaticTax()) {
            return Optional.empty();
        }
        return Optional.of(new Write(BillingAction.Kind.ENABLE_TAX, "",
                key -> Optional.of(gateway.enableAutomaticTax(subscription.id(), key))));
    }

    private Write upgrade(Subscription subscription, PriceId price) {
        SubscriptionItem item = subscription.tierItem(catalog).orElseThrow(() -> new BillingRejection(
                BillingRejection.Reason.NOT_SUBSCRIBED, "The subscription bills no plan's price; it cannot be changed here."));
        return new Write(BillingAction.Kind.UPGRADE, price.value(),
                key -> Optional.of(gateway.changePriceNow(subscription.id(), item.id(), price, key)));
    }

    /** Under a schedule (made first when there is none), whose next phase bills the cheaper tier from the period's end. */
    private Optional<Write> downgrade(Subscription subscription, SubscriptionSnapshot stripe, Plan target) {
        if (subscription.scheduledEnd().isPresent()) {
            throw new BillingRejection(BillingRejection.Reason.CANCELLATION_SCHEDULED, "Your subscription ends on "
                    + subscription.scheduledEnd().get() + "; resume it before changing to a cheaper plan.");
        }
        if (subscription.pendingChange().map(PendingChange::plan).equals(Optional.of(target.id()))) {
            return Optional.empty();
        }
        if (stripe.schedule().isEmpty()) {
            return Optional.of(new Write(BillingAction.Kind.CREATE_SCHEDULE, "", key -> {
                gateway.scheduleFromSubscription(subscription.id(), key);
                return Optional.empty();
            }));
        }
        ScheduleSnapshot schedule = stripe.schedule().get();
        PriceId price = target.priceId().orElseThrow();
        List<PriceId> now = stripe.prices();
        List<PriceId> next = now.stream().map(billed -> catalog.tierBilledBy(billed).isPresent() ? price : billed).toList();
        PlanChangeSchedule phases = new PlanChangeSchedule(schedule.id(),
                new BillingPeriod(schedule.currentPhaseStart(), subscription.currentPeriod().end()), now, next,
                catalog.overagePrice(), options.automaticTax());
        return Optional.of(new Write(BillingAction.Kind.SCHEDULE_DOWNGRADE, price.value(), key -> {
            gateway.schedulePlanChange(phases, key);
            return Optional.empty();
        }));
    }

    private Write release(ScheduleSnapshot schedule) {
        return new Write(BillingAction.Kind.RELEASE_SCHEDULE, schedule.id(), key -> {
            gateway.releaseSchedule(schedule.id(), key);
            return Optional.empty();
        });
    }

    private static BillingRejection declined(Plan now, Plan target, Subscription subscription) {
        return new BillingRejection(BillingRejection.Reason.PAYMENT_DECLINED, "The payment for the upgrade to "
                + target.name() + " did not go through (declined, or waiting for the card holder to confirm it); you "
                + "stay on " + now.name() + ". The upgrade waits until " + subscription.upgradeAwaitingPayment().orElseThrow()
                + " for its invoice to be paid (pay it, or update the card in the customer portal).");
    }

    private static void requireNotEnded(Subscription subscription) {
        if (subscription.status().isEnded()) {
            throw new BillingRejection(BillingRejection.Reason.NOT_RESUMABLE, "Your subscription is "
                    + subscription.status().stripeName() + "; subscribe again to get a paid plan back.");
        }
    }

    private static BillingRejection noSubscription() {
        return new BillingRejection(BillingRejection.Reason.NOT_FOUND, "You have no subscription.");
    }

    private static BillingRejection notSubscribed() {
        return new BillingRejection(BillingRejection.Reason.NOT_SUBSCRIBED,
                "There is no paid subscription to change: buy a plan through checkout.");
    }

    /** The subscription as Stripe reported it, and when we asked. */
    private record Reported(SubscriptionSnapshot snapshot, Instant asked) {
    }

    /** What one round decided: the next write and its action, or nothing left to do, or a refusal. */
    private record Planned(Subscription subscription, BillingAction action, Write write, RuntimeException refusal) {
    }

    /**
     * Writes until {@code next} has nothing left to do, each write recorded as an action before its call and marked
     * succeeded with the state that follows it. A refusal is raised once the state Stripe reported is stored. A write
     * whose action already succeeded (a retry with the same client key) ends the request with the state as it is.
     */
    private Subscription converge(CustomerId caller, Optional<String> clientKey, Supplier<BillingRejection> none,
            NextWrite next) {
        StripeSubscriptionId followed = tx.call(() -> customers.find(caller).flatMap(current::of)
                .filter(found -> found.customerId().equals(caller)).map(Subscription::id)).orElseThrow(none);
        Set<BillingAction.Kind> done = EnumSet.noneOf(BillingAction.Kind.class);
        Reported state = fetch(followed, none);
        BillingAction finished = null;
        for (int writes = 0; ; writes++) {
            Reported reported = state;
            BillingAction previous = finished;
            int made = writes;
            Planned planned = InTransaction.retryingConflicts(tx, () -> {
                Subscription subscription = mirror.apply(reported.snapshot(), reported.asked(), Optional.of(caller))
                        .stored().orElseThrow(none);
                Optional<Write> write;
                try {
                    write = next.after(subscription, reported.snapshot(), done);
                } catch (BillingRejection refused) {
                    settle(previous, subscription, Optional.of(refused));
                    return new Planned(subscription, null, null, refused);
                }
                settle(previous, subscription, Optional.empty());
                if (write.isEmpty() || done.contains(write.get().kind())) {
                    // Done, or Stripe does not show a write of this request yet: never make the same kind twice.
                    return new Planned(subscription, null, null, null);
                }
                if (made == MAX_WRITES) {
                    return new Planned(subscription, null, null, new ConcurrentUpdateException("subscription "
                            + subscription.id() + " kept changing in Stripe while it was being changed; nothing more "
                            + "was written", null));
                }
                String fingerprint = write.get().target().isEmpty()
                        ? Fingerprint.of(write.get().kind().name(), subscription.id().value())
                        : Fingerprint.of(write.get().kind().name(), subscription.id().value(), write.get().target());
                return new Planned(subscription, journal.begin(caller, write.get().kind(), clientKey, fingerprint),
                        write.get(), null);
            });
            if (planned.refusal() != null) {
                throw planned.refusal();
            }
            if (planned.action() == null || planned.action().succeeded()) {
                return planned.subscription();
            }
            Instant called = clock.now();
            Optional<SubscriptionSnapshot> answer;
            try {
                answer = journal.call(planned.action(),
                        () -> planned.write().call().apply(planned.action().idempotencyKey()));
            } catch (PaymentGatewayException.Rejected refused) {
                if (refused.kind() == PaymentGatewayException.Rejected.Kind.CARD_DECLINED || stillToDo(caller, followed,
                        none, next, done)) {
                    throw refused;
                }
                // Another request changed the subscription meanwhile (a double click made the schedule first):
                // what Stripe has now already is what was asked.
                return tx.call(() -> current.of(caller)).orElseThrow(none);
            }
            done.add(planned.write().kind());
            finished = planned.action();
            state = answer.map(snapshot -> new Reported(snapshot, called)).orElseGet(() -> fetch(followed, none));
        }
    }

    /**
     * Whether, after Stripe refused a write, something is still to be done: Stripe is read again and the next write
     * decided on it (stored, so the answer shows it).
     */
    private boolean stillToDo(CustomerId caller, StripeSubscriptionId followed, Supplier<BillingRejection> none,
            NextWrite next, Set<BillingAction.Kind> done) {
        Reported now = fetch(followed, none);
        return InTransaction.retryingConflicts(tx, () -> {
            Subscription subscription = mirror.apply(now.snapshot(), now.asked(), Optional.of(caller)).stored()
                    .orElseThrow(none);
            try {
                return next.after(subscription, now.snapshot(), done).isPresent();
            } catch (BillingRejection refusal) {
                return true;
            }
        });
    }

    /**
     * Records how the last write ended, in the transaction that stores what followed it: failed when Stripe took it
     * but refused the charge it made (an upgrade's declined payment), succeeded otherwise.
     */
    private void settle(BillingAction previous, Subscription subscription, Optional<BillingRejection> refusal) {
        if (previous == null) {
            return;
        }
        if (refusal.filter(refused -> refused.reason() == BillingRejection.Reason.PAYMENT_DECLINED).isPresent()) {
            journal.failed(previous, refusal.get().getMessage());
        } else {
            journal.succeeded(previous, Optional.of(subscription.id().value()), Optional.empty());
        }
    }

    private Reported fetch(StripeSubscriptionId id, Supplier<BillingRejection> none) {
        Instant asked = clock.now();
        return new Reported(gateway.subscription(id).orElseThrow(none), asked);
    }
}
