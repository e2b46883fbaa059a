package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.out.CheckoutRequest;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.CreditNote;
import com.agentmarket.billing.application.payment.port.out.HostedCheckout;
import com.agentmarket.billing.application.payment.port.out.InvoicePreviewRequest;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.payment.port.out.ScheduleSnapshot;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory Stripe behind the {@link PaymentGateway} port. Like Stripe, a write repeated with the same
 * idempotency key returns the first result and changes nothing; every write is recorded with its key.
 */
public class FakeStripe implements PaymentGateway {

    /** One write as Stripe received it. */
    public record Write(String operation, String idempotencyKey) {
    }

    private final Map<String, Object> resultsByKey = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final Map<String, CheckoutSessionSnapshot> sessions = new HashMap<>();
    private final Map<StripeSubscriptionId, SubscriptionSnapshot> subscriptions = new HashMap<>();
    private final Map<String, CheckoutRequest> checkoutRequests = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<PriceId, PriceDescription> prices = new HashMap<>();
    private final Map<String, InvoiceSnapshot> invoices = new HashMap<>();

    public void hasInvoice(InvoiceSnapshot invoice) {
        invoices.put(invoice.id(), invoice);
    }

    @Override
    public Optional<InvoiceSnapshot> invoice(String invoiceId) {
        failIfAsked();
        return Optional.ofNullable(invoices.get(invoiceId));
    }
    private PaymentGatewayException nextFailure;
    private GatewayMode mode = GatewayMode.TEST;

    public void hasPrice(PriceDescription price) {
        prices.put(price.id(), price);
    }

    public void runsIn(GatewayMode mode) {
        this.mode = mode;
    }

    @Override
    public GatewayMode mode() {
        return mode;
    }

    /** The next call fails with this, once. */
    public void failNextCallWith(PaymentGatewayException failure) {
        this.nextFailure = failure;
    }

    /** Stripe forgets idempotency keys after about 24 hours. */
    public synchronized void forgetIdempotencyKeys() {
        resultsByKey.clear();
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public List<Write> writes(String operation) {
        return writes.stream().filter(w -> w.operation().equals(operation)).toList();
    }

    public CheckoutRequest checkoutRequest(String sessionId) {
        return checkoutRequests.get(sessionId);
    }

    /** Stripe now has this subscription (as after a paid checkout, or a change made in the dashboard). */
    public void hasSubscription(SubscriptionSnapshot snapshot) {
        subscriptions.put(snapshot.id(), snapshot);
    }

    public void hasCheckoutSession(CheckoutSessionSnapshot session) {
        sessions.put(session.id(), session);
    }

    /** The customer paid the session: it completes with this subscription. */
    public void completes(String sessionId, SubscriptionSnapshot subscription) {
        CheckoutSessionSnapshot open = sessions.get(sessionId);
        sessions.put(sessionId, new CheckoutSessionSnapshot(sessionId, open.clientReferenceId(), open.customer(),
                Optional.of(subscription.id()), "complete", false, open.customerEmail(), open.customerIdMetadata(),
                open.created()));
        hasSubscription(subscription);
    }

    /** A credit note Stripe issued: on which invoice, for how much. */
    public record Refund(String invoiceId, Money amount, String reason) {
    }

    private final List<CreditNote> creditNotes = new ArrayList<>();

    @Override
    public synchronized List<CreditNote> creditNotes(String invoiceId) {
        failIfAsked();
        return creditNotes.stream().filter(note -> note.invoiceId().equals(invoiceId)).toList();
    }

    private final List<Refund> refunds = new ArrayList<>();

    public synchronized List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    /** The next write (a call with an idempotency key) fails with this, once; reads go on. */
    public void failNextWriteWith(PaymentGatewayException failure) {
        failNextWriteWith(null, failure);
    }

    /** The next write of this operation ({@code null}: any) fails with this, once. */
    public void failNextWriteWith(String operation, PaymentGatewayException failure) {
        this.nextWriteFailure = failure;
        this.nextFailingWrite = operation;
    }

    private PaymentGatewayException nextWriteFailure;
    private String nextFailingWrite;
    private PaymentGatewayException nextLostAnswer;
    private String nextLostAnswerOf;

    /** The next write of this operation reaches Stripe and takes effect, but its answer is lost: this is thrown. */
    public void loseNextAnswerOf(String operation, PaymentGatewayException failure) {
        this.nextLostAnswer = failure;
        this.nextLostAnswerOf = operation;
    }

    private final Map<String, Runnable> beforeWrites = new HashMap<>();

    /** Just before the next write of this operation takes effect, this happens at Stripe (another request's change). */
    public void beforeNextWrite(String operation, Runnable meanwhile) {
        beforeWrites.put(operation, meanwhile);
    }

    private synchronized <T> T write(String operation, String key, Supplier<T> effect) {
        failIfAsked();
        Runnable meanwhile = beforeWrites.remove(operation);
        if (meanwhile != null) {
            meanwhile.run();
        }
        PaymentGatewayException writeFailure = nextWriteFailure;
        if (writeFailure != null && (nextFailingWrite == null || nextFailingWrite.equals(operation))) {
            nextWriteFailure = null;
            throw writeFailure;
        }
        writes.add(new Write(operation, key));
        @SuppressWarnings("unchecked")
        T earlier = (T) resultsByKey.get(key);
        if (earlier != null) {
            return earlier;
        }
        T result = effect.get();
        resultsByKey.put(key, result);
        if (nextLostAnswer != null && operation.equals(nextLostAnswerOf)) {
            PaymentGatewayException lost = nextLostAnswer;
            nextLostAnswer = null;
            throw lost;
        }
        return result;
    }

    private void failIfAsked() {
        PaymentGatewayException failure = nextFailure;
        nextFailure = null;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public StripeCustomerId createCustomer(CustomerId customer, Optional<Email> email, String idempotencyKey) {
        return write("createCustomer", idempotencyKey, () -> {
            StripeCustomerId created = new StripeCustomerId("cus_fake" + ids.incrementAndGet());
            stripeCustomers.putIfAbsent(customer, created);
            return created;
        });
    }

    private final Map<CustomerId, StripeCustomerId> stripeCustomers = new HashMap<>();
    private final List<CustomerId> searches = new ArrayList<>();

    @Override
    public synchronized Optional<StripeCustomerId> findCustomer(CustomerId customer) {
        failIfAsked();
        searches.add(customer);
        return Optional.ofNullable(stripeCustomers.get(customer));
    }

    /** The customers searched for by metadata, in order. */
    public synchronized List<CustomerId> searches() {
        return List.copyOf(searches);
    }

    @Override
    public HostedCheckout createCheckoutSession(CheckoutRequest request, String idempotencyKey) {
        return write("createCheckoutSession", idempotencyKey, () -> {
            String id = "cs_test_fake" + ids.incrementAndGet();
            sessions.put(id, new CheckoutSessionSnapshot(id, Optional.of(request.customer().value()),
                    Optional.of(request.stripeCustomer()), Optional.empty(), "open", false, Optional.empty(),
                    Optional.of(request.customer().value()), java.time.Instant.EPOCH.plusSeconds(ids.get())));
            checkoutRequests.put(id, request);
            return new HostedCheckout(id, "https://checkout.stripe.com/c/pay/" + id);
        });
    }

    @Override
    public Optional<CheckoutSessionSnapshot> checkoutSession(String sessionId) {
        failIfAsked();
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public Optional<SubscriptionSnapshot> subscription(StripeSubscriptionId id) {
        failIfAsked();
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public List<CheckoutSessionSnapshot> openCheckoutSessions(StripeCustomerId customer) {
        failIfAsked();
        return sessions.values().stream().filter(session -> session.status().equals("open")
                && session.customer().equals(Optional.of(customer))).toList();
    }

    /** Stripe no longer has this session (it was made with another key or account). */
    public void forgetsCheckoutSession(String sessionId) {
        sessions.remove(sessionId);
    }

    /** A session that exists at Stripe though the service never recorded it (its creation's answer was lost). */
    public String hasOpenSessionWeDoNotKnow(CustomerId customer, StripeCustomerId stripeCustomer) {
        String id = "cs_test_lost" + ids.incrementAndGet();
        sessions.put(id, new CheckoutSessionSnapshot(id, Optional.of(customer.value()), Optional.of(stripeCustomer),
                Optional.empty(), "open", false, Optional.empty(), Optional.of(customer.value()),
                java.time.Instant.EPOCH.plusSeconds(ids.get())));
        return id;
    }

    @Override
    public CheckoutSessionSnapshot expireCheckoutSession(String sessionId, String idempotencyKey) {
        return write("expireCheckoutSession", idempotencyKey, () -> {
            CheckoutSessionSnapshot session = sessions.get(sessionId);
            if (session == null) {
                throw new PaymentGatewayException.Rejected(PaymentGatewayException.Rejected.Kind.NOT_FOUND,
                        "No such checkout.session: " + sessionId, null);
            }
            if (!session.status().equals("open")) {
                throw new PaymentGatewayException.Rejected(PaymentGatewayException.Rejected.Kind.INVALID_REQUEST,
                        "Only Checkout Sessions with a status of `open` can be expired.", null);
            }
            CheckoutSessionSnapshot expired = new CheckoutSessionSnapshot(session.id(), session.clientReferenceId(),
                    session.customer(), session.subscription(), "expired", session.livemode(), session.customerEmail(),
                    session.customerIdMetadata(), session.created());
            sessions.put(sessionId, expired);
            return expired;
        });
    }

    @Override
    public SubscriptionSnapshot scheduleCancellation(StripeSubscriptionId id, String idempotencyKey) {
        return write("cancelAtPeriodEnd", idempotencyKey, () -> changed(id, subscriptions.get(id).status(), true,
                Optional.of(subscriptions.get(id).currentPeriod().end())));
    }

    @Override
    public SubscriptionSnapshot undoScheduledCancellation(StripeSubscriptionId id, boolean byDate, String idempotencyKey) {
        SubscriptionSnapshot now = subscriptions.get(id);
        return write("undoCancel", idempotencyKey, () -> byDate
                ? changed(id, now.status(), now.cancelAtPeriodEnd(), Optional.empty())
                : changed(id, now.status(), false, Optional.empty()));
    }

    @Override
    public SubscriptionSnapshot cancelNow(StripeSubscriptionId id, String idempotencyKey) {
        return write("cancelNow", idempotencyKey, () -> changed(id, SubscriptionStatus.CANCELED,
                subscriptions.get(id).cancelAtPeriodEnd(), subscriptions.get(id).cancelAt()));
    }

    @Override
    public String refund(String invoiceId, Money amount, String reason, String idempotencyKey) {
        return write("refund", idempotencyKey, () -> {
            String id = "cn_fake" + ids.incrementAndGet();
            synchronized (this) {
                refunds.add(new Refund(invoiceId, amount, reason));
                creditNotes.add(new CreditNote(id, invoiceId, amount, Optional.of(idempotencyKey)));
            }
            InvoiceSnapshot i = invoices.get(invoiceId);
            invoices.put(invoiceId, new InvoiceSnapshot(i.id(), i.customer(), i.subscription(), i.status(), i.amountDue(),
                    i.amountPaid(), i.attemptCount(), i.created(), i.paidAt(), i.hostedInvoiceUrl(), i.nextPaymentAttempt(),
                    i.customerEmail(), Money.of(i.creditedAfterPayment().minorUnits() + amount.minorUnits(), amount.currency())));
            return id;
        });
    }

    private SubscriptionSnapshot changed(StripeSubscriptionId id, SubscriptionStatus status, boolean cancelAtPeriodEnd,
            Optional<java.time.Instant> cancelAt) {
        SubscriptionSnapshot s = subscriptions.get(id);
        if (s.schedule().isPresent() && cancelAtPeriodEnd != s.cancelAtPeriodEnd()) {
            throw new PaymentGatewayException.Rejected(PaymentGatewayException.Rejected.Kind.INVALID_REQUEST,
                    "The subscription is managed by the subscription schedule `" + s.schedule().get().id()
                    + "`, and updating any cancelation behavior directly is not allowed.", null);
        }
        SubscriptionSnapshot changed = new SubscriptionSnapshot(s.id(), s.customer(), s.customerIdMetadata(), status,
                s.items(), s.currentPeriod(), cancelAtPeriodEnd, cancelAt, s.livemode(), s.created(), s.latestInvoice(),
                s.trialEnd(), s.schedule(), s.upgradeAwaitingPayment(), s.automaticTax());
        subscriptions.put(id, changed);
        return changed;
    }

    @Override
    public SubscriptionSnapshot enableAutomaticTax(StripeSubscriptionId id, String idempotencyKey) {
        return write("enableAutomaticTax", idempotencyKey, () -> {
            SubscriptionSnapshot taxed = subscriptions.get(id).withAutomaticTax(true);
            subscriptions.put(id, taxed);
            return taxed;
        });
    }

    private boolean declinesUpgrades;
    private final List<PlanChangeSchedule> scheduledChanges = new ArrayList<>();

    /** The customer's card is declined from now on: an upgrade's invoice stays unpaid, its change pending. */
    public void declinesCards() {
        declinesUpgrades = true;
    }

    /** The phases each schedule update asked for, in order. */
    public List<PlanChangeSchedule> scheduledChanges() {
        return List.copyOf(scheduledChanges);
    }

    @Override
    public SubscriptionSnapshot changePriceNow(StripeSubscriptionId id, SubscriptionItemId item, PriceId price,
            String idempotencyKey) {
        return write("changePriceNow", idempotencyKey, () -> {
            SubscriptionSnapshot s = subscriptions.get(id);
            SubscriptionSnapshot changed = declinesUpgrades
                    ? s.withPlanChanges(s.schedule(), Optional.of(java.time.Instant.parse("2030-01-01T00:00:00Z")))
                    : new SubscriptionSnapshot(s.id(), s.customer(), s.customerIdMetadata(), s.status(),
                            s.items().stream().map(existing -> existing.id().equals(item)
                                    ? new SubscriptionItem(item, price) : existing).toList(),
                            s.currentPeriod(), s.cancelAtPeriodEnd(), s.cancelAt(), s.livemode(), s.created(),
                            s.latestInvoice(), s.trialEnd(), s.schedule(), Optional.empty(), s.automaticTax());
            subscriptions.put(id, changed);
            return changed;
        });
    }

    @Override
    public String scheduleFromSubscription(StripeSubscriptionId id, String idempotencyKey) {
        return write("scheduleFromSubscription", idempotencyKey, () -> {
            SubscriptionSnapshot s = subscriptions.get(id);
            if (s.schedule().isPresent()) {
                throw new PaymentGatewayException.Rejected(PaymentGatewayException.Rejected.Kind.INVALID_REQUEST,
                        "You cannot migrate a subscription that is already attached to a schedule.", null);
            }
            String schedule = "sub_sched_fake" + ids.incrementAndGet();
            scheduleOwners.put(schedule, id);
            subscriptions.put(id, s.withPlanChanges(Optional.of(new ScheduleSnapshot(schedule, s.currentPeriod().start(),
                    Optional.empty())), s.upgradeAwaitingPayment()));
            return schedule;
        });
    }

    @Override
    public void schedulePlanChange(PlanChangeSchedule phases, String idempotencyKey) {
        write("schedulePlanChange", idempotencyKey, () -> {
            SubscriptionSnapshot s = managedBy(phases.scheduleId());
            scheduledChanges.add(phases);
            subscriptions.put(s.id(), s.withPlanChanges(Optional.of(new ScheduleSnapshot(phases.scheduleId(),
                    phases.currentPhase().start(), Optional.of(new ScheduleSnapshot.NextPhase(phases.nextPrices(),
                            phases.currentPhase().end())))), s.upgradeAwaitingPayment()));
            return phases.scheduleId();
        });
    }

    @Override
    public void releaseSchedule(String scheduleId, String idempotencyKey) {
        write("releaseSchedule", idempotencyKey, () -> {
            SubscriptionSnapshot s = managedBy(scheduleId);
            subscriptions.put(s.id(), s.withPlanChanges(Optional.empty(), s.upgradeAwaitingPayment()));
            return scheduleId;
        });
    }

    /** Like Stripe's {@code subscription}, or {@code released_subscription} once released. */
    @Override
    public Optional<StripeSubscriptionId> subscriptionOfSchedule(String scheduleId) {
        failIfAsked();
        return Optional.ofNullable(scheduleOwners.get(scheduleId));
    }

    private final Map<String, StripeSubscriptionId> scheduleOwners = new HashMap<>();

    private SubscriptionSnapshot managedBy(String scheduleId) {
        return subscriptions.values().stream().filter(s -> s.schedule().map(ScheduleSnapshot::id)
                .equals(Optional.of(scheduleId))).findFirst().orElseThrow(() -> new PaymentGatewayException.Rejected(
                        PaymentGatewayException.Rejected.Kind.NOT_FOUND, "No such subscription_schedule: " + scheduleId, null));
    }

    /**
     * The period ends: Stripe renews the subscription for another month, on the next phase's prices when its schedule
     * has one; the schedule stays attached, that phase now its current and last one (it releases when it ends).
     */
    public void renews(StripeSubscriptionId id) {
        SubscriptionSnapshot s = subscriptions.get(id);
        BillingPeriod next = new BillingPeriod(s.currentPeriod().end(),
                s.currentPeriod().end().atOffset(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());
        List<SubscriptionItem> items = s.schedule().flatMap(ScheduleSnapshot::next).map(phase -> {
            List<SubscriptionItem> renewed = new ArrayList<>();
            for (int i = 0; i < phase.prices().size(); i++) {
                renewed.add(i < s.items().size() ? new SubscriptionItem(s.items().get(i).id(), phase.prices().get(i))
                        : new SubscriptionItem(new SubscriptionItemId("si_fake" + ids.incrementAndGet()), phase.prices().get(i)));
            }
            return (List<SubscriptionItem>) renewed;
        }).orElse(s.items());
        Optional<ScheduleSnapshot> schedule = s.schedule().map(managing -> new ScheduleSnapshot(managing.id(),
                next.start(), Optional.empty()));
        subscriptions.put(id, new SubscriptionSnapshot(s.id(), s.customer(), s.customerIdMetadata(), s.status(), items,
                next, s.cancelAtPeriodEnd(), s.cancelAt(), s.livemode(), s.created(), s.latestInvoice(), s.trialEnd(),
                schedule, s.upgradeAwaitingPayment(), s.automaticTax()));
    }

    @Override
    public SubscriptionSnapshot resumePaused(StripeSubscriptionId id, String idempotencyKey) {
        return write("resume", idempotencyKey, () -> changed(id, SubscriptionStatus.ACTIVE,
                subscriptions.get(id).cancelAtPeriodEnd(), subscriptions.get(id).cancelAt()));
    }

    @Override
    public List<PaymentMethodSummary> paymentMethods(StripeCustomerId customer) {
        failIfAsked();
        return List.of(new PaymentMethodSummary("pm_fake", "card",
                Optional.of(new PaymentMethodSummary.Card("visa", "4242", 12, 2030))));
    }

    private final List<InvoicePreviewRequest> previews = new ArrayList<>();
    private final Map<String, Money> previewAmounts = new HashMap<>();

    /** What create_preview answers for the price, invoiced now ({@code prorateNow}) or at the next renewal. */
    public void previews(PriceId price, boolean prorateNow, Money amountDue) {
        previewAmounts.put(price.value() + ":" + prorateNow, amountDue);
    }

    public List<InvoicePreviewRequest> previewRequests() {
        return List.copyOf(previews);
    }

    @Override
    public Money previewInvoice(InvoicePreviewRequest request) {
        failIfAsked();
        previews.add(request);
        return previewAmounts.getOrDefault(request.price().value() + ":" + request.prorateNow(), Money.usd(0));
    }

    @Override
    public List<InvoiceSummary> invoices(StripeCustomerId customer, int limit) {
        failIfAsked();
        return List.of();
    }

    @Override
    public String createPortalSession(StripeCustomerId customer, String returnUrl, String idempotencyKey) {
        return write("createPortalSession", idempotencyKey, () -> "https://billing.stripe.com/p/session/fake" + ids.incrementAndGet());
    }

    @Override
    public Optional<PriceDescription> price(PriceId price) {
        failIfAsked();
        return Optional.ofNullable(prices.get(price));
    }
}
