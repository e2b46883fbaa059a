package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.flag.Flags;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.application.payment.port.out.CreditNote;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.SubscriptionMirror.Duplicate;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A customer never pays twice for one plan. When a second live subscription appears (a checkout session completed
 * while a new one expired it), the one the customer keeps stays (see {@link SubscriptionMirror}) and the other ends at
 * once: what it charged for the time it will not run is refunded, the customer is told, and operators see it (audit
 * log and a flag).
 *
 * <p>Every decision is taken on Stripe's current objects, fetched again first: our copy of the kept subscription may
 * be behind (it may have ended, in which case the second one is the customer's only subscription and stays). Ending
 * and refunding are each one recorded action with its own idempotency key. The refund's amount is prorated from the
 * moment the end was decided (the cancellation's record), so every retry asks for the same, and never exceeds what the
 * invoice still holds. A refund whose answer was lost is found again among the invoice's credit notes, which carry the
 * action's key, so it is never made twice, also after Stripe forgot the key. A refund Stripe refuses does not keep the
 * subscription alive: it ends, and the flag says to refund by hand.
 * An invoice the second subscription had not been paid for yet is refunded when it is paid. One refund per duplicate:
 * it is ended when it appears, before a renewal could charge again.
 */
@ApplicationScoped
public class DuplicateSubscriptions {

    /** Who the audit log names for what the service decided on its own. */
    static final String ACTOR = "billing-service";

    private final PaymentGateway gateway;
    private final SubscriptionMirror mirror;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final ActionJournal journal;
    private final BillingActionLog actions;
    private final NotificationOutbox outbox;
    private final AuditTrail audit;
    private final Flags flags;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    public DuplicateSubscriptions(PaymentGateway gateway, SubscriptionMirror mirror, CustomerRepository customers,
            SubscriptionRepository subscriptions, ActionJournal journal, BillingActionLog actions, NotificationOutbox outbox,
            AuditTrail audit, Flags flags, InTransaction tx, Clock clock) {
        this.gateway = gateway;
        this.mirror = mirror;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.journal = journal;
        this.actions = actions;
        this.outbox = outbox;
        this.audit = audit;
        this.flags = flags;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected DuplicateSubscriptions() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String clientKey(StripeSubscriptionId duplicate) {
        return "duplicate:" + duplicate.value();
    }

    /**
     * Outside any transaction: ends the duplicate if Stripe confirms it is one. Stripe unreachable: throws, retry later.
     *
     * <p>Whether it is one is decided again on both subscriptions fetched now, by the rule that chose it: the kept one
     * may have ended or been scheduled to end since (then the other is kept, and nothing ends here), and a resolver
     * ending the kept one as a duplicate of this one (decided on other answers) means this one stays. Once an end was
     * decided, money may have moved: a retry carries it through whatever happened since.
     */
    public void resolve(Duplicate duplicate) {
        boolean decided = tx.call(() -> actions.find(duplicate.customer(), BillingAction.Kind.CANCEL_DUPLICATE,
                clientKey(duplicate.cancel()))).isPresent();
        if (!decided) {
            refresh(duplicate.keep(), duplicate.customer());
        }
        Instant asked = clock.now();
        Optional<SubscriptionSnapshot> found = gateway.subscription(duplicate.cancel());
        if (found.isEmpty()) {
            return;
        }
        SubscriptionMirror.Mirrored mirrored = InTransaction.retryingConflicts(tx, () -> mirror.apply(found.get(), asked,
                Optional.of(duplicate.customer())));
        Subscription second = mirrored.stored().orElseThrow();
        if (!second.isLiveAt(clock.now())) {
            tx.call(() -> actions.find(duplicate.customer(), BillingAction.Kind.CANCEL_DUPLICATE, clientKey(duplicate.cancel())))
                    .filter(started -> !started.succeeded())
                    .ifPresent(started -> finish(duplicate, started, found.get(), asked, refundOutcome(duplicate)));
            return;
        }
        Optional<Duplicate> stillOne = mirrored.duplicates().stream()
                .filter(fresh -> fresh.cancel().equals(duplicate.cancel())).findFirst();
        if (!decided && stillOne.isEmpty()) {
            return;
        }
        Duplicate resolved = stillOne.orElse(duplicate);
        Optional<BillingAction> cancel = tx.call(() -> {
            boolean keeperBeingEnded = actions.find(resolved.customer(), BillingAction.Kind.CANCEL_DUPLICATE,
                    clientKey(resolved.keep())).isPresent();
            if (keeperBeingEnded && !decided) {
                return Optional.<BillingAction>empty();
            }
            return Optional.of(journal.begin(resolved.customer(), BillingAction.Kind.CANCEL_DUPLICATE,
                    Optional.of(clientKey(resolved.cancel())), Fingerprint.of("cancel-duplicate", resolved.cancel().value())));
        });
        if (cancel.isEmpty() || cancel.get().succeeded()) {
            return;
        }
        String refunded = found.get().latestInvoice().flatMap(gateway::invoice)
                .map(invoice -> refund(resolved.customer(), resolved.cancel(), second.currentPeriod(), invoice,
                        cancel.get().createdAt()))
                .orElse("nothing charged");
        Instant canceledAt = clock.now();
        SubscriptionSnapshot canceled = journal.call(cancel.get(), () -> gateway.cancelNow(resolved.cancel(),
                cancel.get().idempotencyKey()));
        finish(resolved, cancel.get(), canceled, canceledAt, refunded);
    }

    /**
     * Outside any transaction: an invoice of a subscription this service ended as a duplicate, paid after the end
     * (a payment that was still in progress): it is refunded as it would have been at the end.
     */
    public void refundIfEndedAsDuplicate(CustomerId owner, InvoiceSnapshot invoice) {
        if (!invoice.isPaid() || invoice.subscription().isEmpty()) {
            return;
        }
        StripeSubscriptionId subscription = invoice.subscription().get();
        Optional<BillingAction> ended = tx.call(() -> actions.find(owner, BillingAction.Kind.CANCEL_DUPLICATE,
                clientKey(subscription))).filter(BillingAction::succeeded);
        Optional<BillingPeriod> period = tx.call(() -> subscriptions.find(subscription)).map(Subscription::currentPeriod);
        boolean refunded = tx.call(() -> actions.find(owner, BillingAction.Kind.REFUND_DUPLICATE, clientKey(subscription)))
                .filter(BillingAction::succeeded).isPresent();
        if (ended.isEmpty() || period.isEmpty() || refunded) {
            return;
        }
        String outcome = refund(owner, subscription, period.get(), invoice, ended.get().createdAt());
        tx.call(() -> {
            flags.raise(OperatorFlag.Kind.DUPLICATE_SUBSCRIPTION, subscription.value(), Optional.of(owner),
                    "invoice " + invoice.id() + " of " + subscription + ", ended as a duplicate, was paid afterwards; "
                            + outcome);
            return null;
        });
    }

    private void refresh(StripeSubscriptionId id, CustomerId customer) {
        Instant asked = clock.now();
        gateway.subscription(id).ifPresent(snapshot -> InTransaction.retryingConflicts(tx,
                () -> mirror.apply(snapshot, asked, Optional.of(customer))));
    }

    /**
     * Gives back what a paid invoice of the duplicate charged for the time after {@code decidedAt}, once. Answers what
     * happened, for the audit log and the flag.
     */
    private String refund(CustomerId customer, StripeSubscriptionId duplicate, BillingPeriod period, InvoiceSnapshot invoice,
            Instant decidedAt) {
        if (!invoice.isPaid()) {
            return "invoice " + invoice.id() + " not paid yet: refunded when it is";
        }
        BillingAction refund = tx.call(() -> journal.begin(customer, BillingAction.Kind.REFUND_DUPLICATE,
                Optional.of(clientKey(duplicate)), Fingerprint.of("refund-duplicate", duplicate.value())));
        if (refund.succeeded()) {
            return "refunded through " + refund.resultReference().orElse("nothing: nothing to refund");
        }
        Optional<CreditNote> madeBefore = gateway.creditNotes(invoice.id()).stream()
                .filter(note -> note.action().equals(Optional.of(refund.idempotencyKey()))).findFirst();
        Money prorated = period.unusedShareOf(invoice.amountPaid(), decidedAt);
        Money amount = Money.of(Math.min(prorated.minorUnits(), invoice.refundable().minorUnits()), prorated.currency());
        if (madeBefore.isPresent() || amount.isZero()) {
            tx.call(() -> {
                journal.succeeded(refund, madeBefore.map(CreditNote::id), Optional.empty());
                return null;
            });
            return madeBefore.map(note -> "refunded " + major(note.amount()) + " through credit note " + note.id())
                    .orElse("nothing to refund");
        }
        String creditNote;
        try {
            creditNote = journal.call(refund, () -> gateway.refund(invoice.id(), amount, "duplicate", refund.idempotencyKey()));
        } catch (PaymentGatewayException.Rejected refused) {
            return "the refund of " + major(amount) + " on invoice " + invoice.id() + " was refused by Stripe ("
                    + refused.getMessage() + "): refund it by hand";
        }
        tx.call(() -> {
            journal.succeeded(refund, Optional.of(creditNote), Optional.empty());
            return null;
        });
        return "refunded " + major(amount) + " of invoice " + invoice.id() + " through credit note " + creditNote;
    }

    private String refundOutcome(Duplicate duplicate) {
        return tx.call(() -> actions.find(duplicate.customer(), BillingAction.Kind.REFUND_DUPLICATE,
                        clientKey(duplicate.cancel())))
                .filter(BillingAction::succeeded)
                .map(refund -> "refunded through " + refund.resultReference().orElse("an earlier credit note"))
                .orElse("no refund recorded");
    }

    /**
     * Records the end with what it cost us, tells the customer and flags it for operators, in one transaction, once
     * (a concurrent resolver that finished first leaves nothing to do).
     */
    private void finish(Duplicate duplicate, BillingAction cancel, SubscriptionSnapshot canceled, Instant observedAt,
            String refunded) {
        String detail = "canceled " + duplicate.cancel() + ", a second live subscription; kept " + duplicate.keep() + "; "
                + refunded;
        InTransaction.retryingConflicts(tx, () -> {
            mirror.apply(canceled, observedAt, Optional.of(duplicate.customer()));
            boolean done = actions.find(duplicate.customer(), BillingAction.Kind.CANCEL_DUPLICATE,
                    clientKey(duplicate.cancel())).filter(BillingAction::succeeded).isPresent();
            if (done) {
                return null;
            }
            journal.succeeded(cancel, Optional.of(duplicate.cancel().value()), Optional.empty());
            audit.record(new AuditTrail.Entry(clock.now(), ACTOR, "subscription.cancel-duplicate",
                    duplicate.customer().value(), Optional.of(detail)));
            flags.raise(OperatorFlag.Kind.DUPLICATE_SUBSCRIPTION, duplicate.cancel().value(),
                    Optional.of(duplicate.customer()), detail);
            Customer customer = customers.find(duplicate.customer()).orElseThrow();
            outbox.enqueue(notification(customer, duplicate, refunded.startsWith("refunded")), clock.now());
            return null;
        });
    }

    private static Notification notification(Customer customer, Duplicate duplicate, boolean refunded) {
        return new Notification("duplicate-subscription:" + duplicate.cancel().value(), customer.id(), customer.email(),
                "Your second Agent Marketplace subscription was canceled",
                "Hello,\n\nyou had two Agent Marketplace subscriptions at once, which would have charged you twice. "
                        + "We kept your first one (" + duplicate.keep() + ") and canceled the second (" + duplicate.cancel()
                        + ") right away" + (refunded ? "; what it charged for the time it will not run is refunded to your "
                        + "payment method." : ".") + "\nTo change your plan, use the customer portal.\n\n"
                        + "The Agent Marketplace team\n");
    }

    private static String major(Money money) {
        return BigDecimal.valueOf(money.minorUnits(), 2) + " " + money.currency().toUpperCase(Locale.ROOT);
    }
}
