package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.subscription.port.in.CancelSubscription;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.in.ResumeSubscription;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cancel and resume: each is one action in Stripe with its own idempotency key, recorded before the call. Both decide
 * from the subscription as Stripe has it now (fetched first and stored), not from our copy, which may be behind a
 * change made in the customer portal or the Dashboard; the subscription Stripe returns is stored with the outcome.
 */
@ApplicationScoped
class ChangeSubscriptionService implements CancelSubscription, ResumeSubscription {

    private final CustomerRepository customers;
    private final CurrentSubscriptions current;
    private final SubscriptionMirror mirror;
    private final ActionJournal journal;
    private final PaymentGateway gateway;
    private final GetMySubscription mySubscription;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    ChangeSubscriptionService(CustomerRepository customers, CurrentSubscriptions current, SubscriptionMirror mirror,
            ActionJournal journal, PaymentGateway gateway, GetMySubscription mySubscription, InTransaction tx, Clock clock) {
        this.customers = customers;
        this.current = current;
        this.mirror = mirror;
        this.journal = journal;
        this.gateway = gateway;
        this.mySubscription = mySubscription;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ChangeSubscriptionService() {
        this(null, null, null, null, null, null, null, null);
    }

    @Override
    public CancellationScheduled cancelAtPeriodEnd(CustomerId caller, Optional<String> clientKey) {
        Subscription changed = change(caller, clientKey, BillingAction.Kind.CANCEL, subscription -> {
            boolean endsByPeriodEnd = subscription.scheduledEnd()
                    .filter(end -> !end.isAfter(subscription.currentPeriod().end())).isPresent();
            if (endsByPeriodEnd) {
                return Optional.empty();
            }
            return Optional.of(key -> gateway.scheduleCancellation(subscription.id(), key));
        });
        return new CancellationScheduled(changed.scheduledEnd().orElse(changed.currentPeriod().end()));
    }

    @Override
    public SubscriptionView resume(CustomerId caller, Optional<String> clientKey) {
        change(caller, clientKey, BillingAction.Kind.RESUME, subscription -> {
            if (subscription.status() == SubscriptionStatus.PAUSED) {
                return Optional.of(key -> gateway.resumePaused(subscription.id(), key));
            }
            if (subscription.scheduledEnd().isPresent()) {
                boolean byDate = !subscription.cancelAtPeriodEnd();
                return Optional.of(key -> gateway.undoScheduledCancellation(subscription.id(), byDate, key));
            }
            return Optional.empty();
        });
        return mySubscription.mySubscription(caller);
    }

    /**
     * Runs one change: finds the caller's subscription, fetches it from Stripe, decides the Stripe call on that
     * (none when there is nothing to change), records the action, calls Stripe outside the transaction, stores the
     * outcome.
     */
    private Subscription change(CustomerId caller, Optional<String> clientKey, BillingAction.Kind kind,
            Function<Subscription, Optional<Function<String, SubscriptionSnapshot>>> decide) {
        record Planned(Subscription subscription, BillingAction action, Function<String, SubscriptionSnapshot> call) {
        }
        StripeSubscriptionId followed = tx.call(() -> customers.find(caller).flatMap(current::of)
                .filter(found -> found.customerId().equals(caller)).map(Subscription::id))
                .orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_FOUND, "You have no subscription."));
        Instant asked = clock.now();
        SubscriptionSnapshot now = gateway.subscription(followed)
                .orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_FOUND, "You have no subscription."));
        Planned planned = InTransaction.retryingConflicts(tx, () -> {
            Subscription subscription = mirror.apply(now, asked, Optional.of(caller)).stored().orElseThrow(() ->
                    new BillingRejection(BillingRejection.Reason.NOT_FOUND, "You have no subscription."));
            if (subscription.status().isEnded()) {
                throw new BillingRejection(BillingRejection.Reason.NOT_RESUMABLE, "Your subscription is "
                        + subscription.status().stripeName() + "; subscribe again to get a paid plan back.");
            }
            Optional<Function<String, SubscriptionSnapshot>> call = decide.apply(subscription);
            if (call.isEmpty()) {
                return new Planned(subscription, null, null);
            }
            BillingAction action = journal.begin(caller, kind, clientKey,
                    Fingerprint.of(kind.name(), subscription.id().value()));
            return new Planned(subscription, action, call.get());
        });
        if (planned.action() == null || planned.action().succeeded()) {
            return planned.subscription();
        }
        Instant called = clock.now();
        SubscriptionSnapshot reported = journal.call(planned.action(), () -> planned.call().apply(planned.action().idempotencyKey()));
        return InTransaction.retryingConflicts(tx, () -> {
            Subscription stored = mirror.apply(reported, called, Optional.of(caller)).stored().orElseThrow();
            journal.succeeded(planned.action(), Optional.of(stored.id().value()), Optional.empty());
            return stored;
        });
    }
}
