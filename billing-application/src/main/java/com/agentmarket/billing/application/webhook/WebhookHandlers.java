package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.checkout.CheckoutAttempts;
import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.flag.Flags;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.application.payment.InvoiceRecords;
import com.agentmarket.billing.application.payment.PaymentStanding;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.DuplicateSubscriptions;
import com.agentmarket.billing.application.subscription.SubscriptionMirror;
import com.agentmarket.billing.application.subscription.SubscriptionSync;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What each Stripe event does here. Every handler fetches the event's object from Stripe again and applies that
 * current state, never the event's own (possibly older) copy, so events may come in any order, twice, or be
 * replayed: the result is what Stripe says now. Stripe being unreachable fails the handler, to be retried.
 */
@ApplicationScoped
class WebhookHandlers {

    private static final Set<String> SUBSCRIPTION_EVENTS = Set.of("customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "customer.subscription.paused",
            "customer.subscription.resumed", "customer.subscription.pending_update_applied",
            "customer.subscription.pending_update_expired");
    /** A schedule changes its subscription's plan at a phase's end; each is synced through the subscription. */
    private static final Set<String> SCHEDULE_EVENTS = Set.of("subscription_schedule.created",
            "subscription_schedule.updated", "subscription_schedule.released", "subscription_schedule.canceled",
            "subscription_schedule.completed", "subscription_schedule.aborted", "subscription_schedule.expiring");
    private static final Set<String> CHECKOUT_EVENTS = Set.of("checkout.session.completed",
            "checkout.session.async_payment_succeeded");
    private static final Set<String> INVOICE_PAID_EVENTS = Set.of("invoice.paid", "invoice.payment_succeeded");

    private final PaymentGateway gateway;
    private final SubscriptionSync sync;
    private final DuplicateSubscriptions duplicates;
    private final CustomerRepository customers;
    private final InvoiceRecords invoices;
    private final PaymentStanding standing;
    private final CheckoutAttempts attempts;
    private final BillingActionLog actions;
    private final Flags flags;
    private final NotificationOutbox outbox;
    private final WebhookSettings settings;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    WebhookHandlers(PaymentGateway gateway, SubscriptionSync sync, DuplicateSubscriptions duplicates,
            CustomerRepository customers, InvoiceRecords invoices,
            PaymentStanding standing, CheckoutAttempts attempts, BillingActionLog actions, Flags flags,
            NotificationOutbox outbox, WebhookSettings settings, InTransaction tx, Clock clock) {
        this.gateway = gateway;
        this.sync = sync;
        this.duplicates = duplicates;
        this.customers = customers;
        this.invoices = invoices;
        this.standing = standing;
        this.attempts = attempts;
        this.actions = actions;
        this.flags = flags;
        this.outbox = outbox;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected WebhookHandlers() {
        this(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Handles the event; the outcome, when present, says why nothing (or not everything) was done. */
    Optional<String> handle(VerifiedEvent event) {
        String type = event.type();
        if (event.objectId().isEmpty()) {
            return Optional.of("ignored: the event names no object");
        }
        String objectId = event.objectId().get();
        if (CHECKOUT_EVENTS.contains(type)) {
            return checkoutCompleted(objectId);
        }
        if (SUBSCRIPTION_EVENTS.contains(type)) {
            return sync.syncFromStripe(new StripeSubscriptionId(objectId), Optional.empty()).notStored();
        }
        if (SCHEDULE_EVENTS.contains(type)) {
            return gateway.subscriptionOfSchedule(objectId)
                    .map(subscription -> sync.syncFromStripe(subscription, Optional.empty()).notStored())
                    .orElseGet(() -> Optional.of("Stripe has no subscription schedule " + objectId));
        }
        if (type.equals("customer.subscription.trial_will_end")) {
            return trialWillEnd(new StripeSubscriptionId(objectId));
        }
        if (INVOICE_PAID_EVENTS.contains(type)) {
            return invoicePaid(objectId);
        }
        if (type.equals("invoice.payment_failed")) {
            return invoiceNeedsAttention(objectId, event, false);
        }
        if (type.equals("invoice.payment_action_required")) {
            return invoiceNeedsAttention(objectId, event, true);
        }
        return Optional.of("stored only: " + type + " is not handled");
    }

    /**
     * Links the Stripe customer and subscription to the customer the session was created for: one this service
     * created for the customer named by {@code client_reference_id}, or whose metadata names the same customer.
     * Anything else is flagged for operators and not linked.
     */
    private Optional<String> checkoutCompleted(String sessionId) {
        Optional<CheckoutSessionSnapshot> found = gateway.checkoutSession(sessionId);
        if (found.isEmpty()) {
            return Optional.of("Stripe has no checkout session " + sessionId);
        }
        CheckoutSessionSnapshot session = found.get();
        Optional<CustomerId> verified = session.customer().isEmpty() ? Optional.empty()
                : tx.call(() -> attempts.verifiedOwner(session));
        if (verified.isEmpty()) {
            String detail = "checkout session " + sessionId + session.clientReferenceId()
                    .map(claimed -> " names customer " + claimed + " in client_reference_id, but this service did not "
                            + "create it for that customer and its metadata does not name them")
                    .orElse(" names no customer of ours") + " (a Payment Link, or a session made elsewhere); "
                    + session.customer().map(stripeCustomer -> "Stripe customer " + stripeCustomer).orElse("no Stripe customer")
                    + session.subscription().map(sub -> ", subscription " + sub).orElse("") + " not linked";
            tx.call(() -> {
                flags.raise(OperatorFlag.Kind.UNVERIFIED_CHECKOUT, sessionId, session.clientReferenceId()
                        .flatMap(claimed -> customers.find(new CustomerId(claimed))).map(Customer::id), detail);
                return null;
            });
            return Optional.of("flagged, not linked: " + detail);
        }
        CustomerId owner = verified.get();
        InTransaction.retryingConflicts(tx, () -> {
            Customer customer = customers.find(owner).orElseGet(() -> Customer.register(owner, Optional.empty()));
            Customer linked = customer.linkStripeCustomer(session.customer().get())
                    .withEmailIfUnknown(emailOf(session.customerEmail()));
            actions.findCheckout(owner, sessionId).filter(attempt -> attempt.closure().isEmpty())
                    .ifPresent(attempt -> actions.closeCheckout(attempt.idempotencyKey(), BillingAction.Closure.COMPLETE,
                            clock.now()));
            return linked.changes().isEmpty() ? linked : customers.save(linked);
        });
        session.subscription().ifPresent(subscription -> sync.syncFromStripe(subscription, Optional.of(owner)));
        return Optional.empty();
    }

    /** Records the payment and lifts a payment suspension it settles. */
    private Optional<String> invoicePaid(String invoiceId) {
        Instant asked = clock.now();
        Optional<InvoiceSnapshot> found = gateway.invoice(invoiceId);
        if (found.isEmpty()) {
            return Optional.of("Stripe has no invoice " + invoiceId);
        }
        InvoiceSnapshot invoice = found.get();
        invoice.subscription().ifPresent(subscription -> sync.syncFromStripe(subscription, Optional.empty()));
        CustomerId ownerId = InTransaction.retryingConflicts(tx, () -> {
            Customer owner = ownerOf(invoice);
            boolean paid = invoices.record(owner.id(), invoice, asked);
            Customer settled = paid && invoice.ref().isPresent() ? owner.paymentSucceeded(invoice.ref().get()) : owner;
            settled = standing.reviewed(settled);
            if (!settled.changes().isEmpty()) {
                customers.save(settled);
            }
            return owner.id();
        });
        duplicates.refundIfEndedAsDuplicate(ownerId, invoice);
        return Optional.empty();
    }

    /**
     * A failed payment, or one that needs the customer (3-D Secure): tells the customer once per invoice and attempt
     * and, for a failure with {@code BILLING_SUSPEND_ON_PAYMENT_FAILURE}, suspends the account, unless Stripe now
     * says the invoice is paid, the customer paid a later invoice, or no invoice is owed any more on a live
     * subscription (the failed one's subscription has ended).
     */
    private Optional<String> invoiceNeedsAttention(String invoiceId, VerifiedEvent event, boolean actionRequired) {
        Instant asked = clock.now();
        Optional<InvoiceSnapshot> found = gateway.invoice(invoiceId);
        if (found.isEmpty()) {
            return Optional.of("Stripe has no invoice " + invoiceId);
        }
        InvoiceSnapshot invoice = found.get();
        invoice.subscription().ifPresent(subscription -> sync.syncFromStripe(subscription, Optional.empty()));
        int attempt = event.invoiceAttempt().orElse(invoice.attemptCount());
        return InTransaction.retryingConflicts(tx, () -> {
            Customer known = ownerOf(invoice);
            Customer owner = known.withEmailIfUnknown(emailOf(invoice.customerEmail()));
            if (!owner.changes().isEmpty()) {
                owner = customers.save(owner);
            }
            if (invoices.record(owner.id(), invoice, asked)) {
                return Optional.of("invoice " + invoiceId + " is paid by now: nothing to tell");
            }
            outbox.enqueue(actionRequired ? actionRequired(owner, invoice, attempt) : paymentFailed(owner, invoice, attempt),
                    clock.now());
            if (!actionRequired && settings.suspendOnPaymentFailure() && invoice.ref().isPresent()) {
                Customer suspended = standing.reviewed(owner.suspendForFailedPayment(invoice.ref().get(),
                        standing.latestPaid(owner), clock.now()));
                if (!suspended.changes().isEmpty()) {
                    customers.save(suspended);
                }
            }
            return Optional.<String>empty();
        });
    }

    private Customer ownerOf(InvoiceSnapshot invoice) {
        return customers.findByStripeCustomerId(invoice.customer()).orElseThrow(() -> new IllegalStateException(
                "invoice " + invoice.id() + " belongs to Stripe customer " + invoice.customer() + ", who is none of ours yet"));
    }

    /** A malformed address from Stripe is not worth failing the event over: it is just not used. */
    private static Optional<Email> emailOf(Optional<String> address) {
        try {
            return address.map(Email::new);
        } catch (DomainViolation malformed) {
            return Optional.empty();
        }
    }

    /**
     * Stripe announces the end of a trial (three days ahead): the subscription is synced, and the customer is told
     * once per subscription and trial end, however often the event is delivered or replayed.
     */
    private Optional<String> trialWillEnd(StripeSubscriptionId id) {
        SubscriptionMirror.Mirrored mirrored = sync.syncFromStripe(id, Optional.empty());
        Optional<Subscription> trial = mirrored.stored().filter(subscription -> subscription.trialEnd().isPresent());
        if (trial.isEmpty()) {
            return mirrored.notStored().or(() -> Optional.of("subscription " + id + " has no trial to announce"));
        }
        tx.call(() -> {
            Customer owner = customers.find(trial.get().customerId()).orElseThrow();
            outbox.enqueue(trialEnding(owner, trial.get()), clock.now());
            return null;
        });
        return Optional.empty();
    }

    private static Notification trialEnding(Customer owner, Subscription subscription) {
        Instant end = subscription.trialEnd().orElseThrow();
        return new Notification("trial-will-end:" + subscription.id().value() + ":" + end.getEpochSecond(), owner.id(),
                owner.email(), "Your Agent Marketplace trial ends soon",
                "Hello,\n\nyour trial of the " + subscription.plan().code() + " plan ends on "
                        + java.time.LocalDate.ofInstant(end, java.time.ZoneOffset.UTC) + " (UTC). Your subscription then "
                        + "continues and is charged, unless you cancel it before.\n\nThe Agent Marketplace team\n");
    }

    private static Notification paymentFailed(Customer owner, InvoiceSnapshot invoice, int attempt) {
        return new Notification("payment-failed:" + invoice.id() + ":" + attempt, owner.id(), owner.email(),
                "Your Agent Marketplace payment failed",
                "Hello,\n\nwe could not collect " + amount(invoice) + " for your Agent Marketplace subscription (invoice "
                        + invoice.id() + ", attempt " + attempt + ").\n"
                        + invoice.nextPaymentAttempt().map(next -> "We will try again on " + next + ".\n").orElse("")
                        + invoice.hostedInvoiceUrl().map(url -> "You can pay or update your card here: " + url + "\n").orElse("")
                        + "\nThe Agent Marketplace team\n");
    }

    private static Notification actionRequired(Customer owner, InvoiceSnapshot invoice, int attempt) {
        return new Notification("payment-action-required:" + invoice.id() + ":" + attempt, owner.id(), owner.email(),
                "Confirm your Agent Marketplace payment",
                "Hello,\n\nyour bank asks you to confirm the payment of " + amount(invoice) + " for your Agent Marketplace "
                        + "subscription (invoice " + invoice.id() + ").\n"
                        + invoice.hostedInvoiceUrl().map(url -> "Confirm it here: " + url + "\n").orElse("")
                        + "\nThe Agent Marketplace team\n");
    }

    private static String amount(InvoiceSnapshot invoice) {
        return BigDecimal.valueOf(invoice.amountDue().minorUnits(), 2) + " " + invoice.amountDue().currency().toUpperCase(
                java.util.Locale.ROOT);
    }
}
