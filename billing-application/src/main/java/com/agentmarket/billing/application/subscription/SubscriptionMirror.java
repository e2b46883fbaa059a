package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.flag.Flags;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.payment.PaymentStanding;
import com.agentmarket.billing.application.payment.port.out.ScheduleSnapshot;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.PendingChange;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stores a subscription as Stripe reported it, inside the caller's transaction: its plan (from the tier its price
 * bills, or the last one we knew when the price matches none), its state unless the report is stale, and which of
 * the customer's subscriptions decides the plan: the live one that is kept (see {@link #keptFirst}), or with none
 * live the newest. It calls nobody; what it finds that needs Stripe (a second live subscription) is returned for
 * {@link DuplicateSubscriptions}.
 */
@ApplicationScoped
public class SubscriptionMirror {

    /** Of a customer's subscriptions, the first one Stripe created comes first. */
    private static final Comparator<Subscription> FIRST_CREATED = Comparator.comparing(Subscription::created)
            .thenComparing(subscription -> subscription.id().value());

    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PlanCatalog catalog;
    private final PaymentStanding standing;
    private final Flags flags;
    private final Clock clock;

    @Inject
    public SubscriptionMirror(CustomerRepository customers, SubscriptionRepository subscriptions, PlanCatalog catalog,
            PaymentStanding standing, Flags flags, Clock clock) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.standing = standing;
        this.flags = flags;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected SubscriptionMirror() {
        this(null, null, null, null, null, null);
    }

    /**
     * What applying a report did.
     *
     * @param stored the subscription as stored now; empty when it could not be ({@code notStored} says why)
     * @param duplicates the customer's other live subscriptions beyond the first: each must end
     */
    public record Mirrored(Optional<Subscription> stored, List<Duplicate> duplicates, Optional<String> notStored) {

        public Mirrored {
            Objects.requireNonNull(stored, "stored");
            duplicates = List.copyOf(duplicates);
            Objects.requireNonNull(notStored, "notStored");
        }

        public static Mirrored skipped(String why) {
            return new Mirrored(Optional.empty(), List.of(), Optional.of(why));
        }
    }

    /** A second live subscription of the customer: {@code keep} came first, {@code cancel} must end. */
    public record Duplicate(CustomerId customer, StripeSubscriptionId keep, StripeSubscriptionId cancel) {
    }

    /**
     * Inside the caller's transaction. {@code observedAt} is when the report was asked for; {@code expectedOwner} the
     * customer it must belong to when the caller knows (a checkout return): someone else's is not found.
     */
    public Mirrored apply(SubscriptionSnapshot snapshot, Instant observedAt, Optional<CustomerId> expectedOwner) {
        Optional<Customer> owner = ownerOf(snapshot, expectedOwner);
        if (owner.isEmpty()) {
            return Mirrored.skipped("ignored: subscription " + snapshot.id() + " belongs to Stripe customer "
                    + snapshot.customer() + ", who is none of ours (no metadata.customer_id)");
        }
        Customer customer = owner.get().changes().isEmpty() ? owner.get() : customers.save(owner.get());
        Optional<Subscription> existing = subscriptions.find(snapshot.id());
        Optional<PlanId> tier = snapshot.prices().stream().map(catalog::tierBilledBy).flatMap(Optional::stream)
                .map(Plan::id).findFirst();
        if (tier.isEmpty()) {
            flags.raise(OperatorFlag.Kind.UNKNOWN_SUBSCRIPTION_PRICE, snapshot.id().value(), Optional.of(customer.id()),
                    "subscription " + snapshot.id() + " bills " + snapshot.prices() + ", none of them a price of a tier ("
                    + "STRIPE_PRICE_BASIC, _PRO, _ENTERPRISE, legacy prices included); " + existing.map(known ->
                            "its state is applied with the last tier we knew, " + known.plan().code()).orElse("not stored"));
            if (existing.isEmpty()) {
                return Mirrored.skipped("flagged: subscription " + snapshot.id() + " bills no price of a tier "
                        + snapshot.prices());
            }
        }
        Subscription reported = Subscription.mirror(snapshot.id(), customer.id(),
                tier.orElseGet(() -> existing.get().plan()), snapshot.status(), snapshot.currentPeriod(),
                snapshot.cancelAtPeriodEnd(), snapshot.cancelAt(), Set.copyOf(snapshot.items()), snapshot.created(),
                observedAt).withTrialEnd(snapshot.trialEnd())
                .withPlanChanges(pendingChange(snapshot), snapshot.upgradeAwaitingPayment());
        Subscription mirrored = existing.map(known -> known.mirror(reported)).orElse(reported);
        @SuppressWarnings("ReferenceEquality") // identity on purpose: a stale report returns known itself, nothing to save
        Subscription stored = existing.filter(known -> known == mirrored).orElseGet(() -> subscriptions.save(mirrored));

        Instant now = clock.now();
        List<Subscription> all = subscriptions.ofCustomer(customer.id());
        List<Subscription> live = all.stream().filter(subscription -> subscription.isLiveAt(now))
                .sorted(keptFirst(now)).toList();
        StripeSubscriptionId followed = live.isEmpty()
                ? all.stream().max(FIRST_CREATED).map(Subscription::id).orElse(stored.id())
                : live.get(0).id();
        Customer updated = standing.reviewed(customer.linkStripeCustomer(snapshot.customer()).followSubscription(followed));
        if (!updated.changes().isEmpty()) {
            customers.save(updated);
        }
        List<Duplicate> duplicates = live.stream().skip(1)
                .map(extra -> new Duplicate(customer.id(), followed, extra.id())).toList();
        return new Mirrored(Optional.of(stored), duplicates, Optional.empty());
    }

    /** The tier the schedule's next phase bills, from when: a change of plan at the end of the period. */
    private Optional<PendingChange> pendingChange(SubscriptionSnapshot snapshot) {
        return snapshot.schedule().flatMap(ScheduleSnapshot::next).flatMap(next -> next.prices().stream()
                .map(catalog::tierBilledBy).flatMap(Optional::stream).findFirst()
                .map(plan -> new PendingChange(plan.id(), next.start())));
    }

    /**
     * Which of a customer's live subscriptions is kept when there are several: one that gives the plan now before one
     * that does not (paused, unpaid), one that goes on before one that is ending, then the first Stripe created.
     */
    private static Comparator<Subscription> keptFirst(Instant now) {
        return Comparator.comparing((Subscription subscription) -> !subscription.entitlesAt(now))
                .thenComparing(subscription -> subscription.scheduledEnd().isPresent())
                .thenComparing(FIRST_CREATED);
    }

    private Optional<Customer> ownerOf(SubscriptionSnapshot snapshot, Optional<CustomerId> expectedOwner) {
        Optional<Customer> byStripeId = customers.findByStripeCustomerId(snapshot.customer());
        if (expectedOwner.isPresent()) {
            if (byStripeId.isPresent() && !byStripeId.get().id().equals(expectedOwner.get())) {
                throw new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No such subscription.");
            }
            return Optional.of(byStripeId.or(() -> customers.find(expectedOwner.get()))
                    .orElseGet(() -> Customer.register(expectedOwner.get(), Optional.empty())));
        }
        return byStripeId.or(() -> snapshot.customerIdMetadata().map(CustomerId::new)
                .map(id -> customers.find(id).orElseGet(() -> Customer.register(id, Optional.empty()))));
    }
}
