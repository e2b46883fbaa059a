package com.agentmarket.billing.application.checkout;

import com.agentmarket.billing.application.checkout.port.in.CheckoutStarted;
import com.agentmarket.billing.application.checkout.port.in.StartCheckout;
import com.agentmarket.billing.application.checkout.port.in.StartCheckoutCommand;
import com.agentmarket.billing.application.customer.CustomerAccounts;
import com.agentmarket.billing.application.payment.port.out.CheckoutRequest;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.HostedCheckout;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.RedirectPolicy;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.CurrentSubscriptions;
import com.agentmarket.billing.application.subscription.SubscriptionSync;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * Starts buying a plan, making sure the customer can end up with one live subscription only: a customer with one is
 * sent to the portal (409), and creating a session first expires the customer's earlier sessions that may still be
 * open at Stripe (two tabs, two prices, a reload after half an hour), so that only the newest can be paid. A session
 * that can no longer be expired because it was paid means the customer is subscribed: its subscription is synced
 * and the answer is 409. A payment racing the expiry can still produce a second subscription: that one is ended and
 * refunded when it is synced ({@link com.agentmarket.billing.application.subscription.DuplicateSubscriptions}).
 */
@ApplicationScoped
class StartCheckoutService implements StartCheckout {

    private static final Logger LOG = Logger.getLogger(StartCheckoutService.class.getName());

    /**
     * Without an Idempotency-Key, the same request again within this window is a retry (a double click, a reload)
     * and gets the session already created: two open sessions could both be paid.
     */
    static final Duration SAME_REQUEST_WINDOW = Duration.ofMinutes(30);

    /** How long Stripe keeps a Checkout Session open unless told otherwise: older sessions cannot be paid any more. */
    static final Duration SESSIONS_STAY_OPEN = Duration.ofHours(24);

    private final PlanCatalog catalog;
    private final CheckoutOptions options;
    private final RedirectPolicy redirects;
    private final CustomerAccounts accounts;
    private final CurrentSubscriptions current;
    private final BillingActionLog actions;
    private final ActionJournal journal;
    private final PaymentGateway gateway;
    private final SubscriptionSync sync;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    StartCheckoutService(PlanCatalog catalog, CheckoutOptions options, RedirectPolicy redirects, CustomerAccounts accounts,
            CurrentSubscriptions current, BillingActionLog actions, ActionJournal journal, PaymentGateway gateway,
            SubscriptionSync sync, InTransaction tx, Clock clock) {
        this.catalog = catalog;
        this.options = options;
        this.redirects = redirects;
        this.accounts = accounts;
        this.current = current;
        this.actions = actions;
        this.journal = journal;
        this.gateway = gateway;
        this.sync = sync;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected StartCheckoutService() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public CheckoutStarted start(StartCheckoutCommand command) {
        Plan plan = catalog.soldBy(command.price()).orElseThrow(() -> new BillingRejection(
                BillingRejection.Reason.UNKNOWN_PRICE, "price_id " + command.price() + " is not one of the plans on sale"));
        String successUrl = redirects.check("success_url", command.successUrl(), gateway.mode());
        String cancelUrl = redirects.check("cancel_url", command.cancelUrl(), gateway.mode());
        String fingerprint = Fingerprint.of(command.price().value(), successUrl, cancelUrl);

        BillingAction action = InTransaction.retryingConflicts(tx, () -> {
            Customer customer = accounts.registerOrRefresh(command.customer(), command.email());
            refuseIfSubscribed(customer.id());
            if (command.clientKey().isEmpty()) {
                Optional<BillingAction> sameRequest = actions.latest(customer.id(), BillingAction.Kind.CHECKOUT,
                        fingerprint, clock.now().minus(SAME_REQUEST_WINDOW))
                        .filter(BillingAction::succeeded).filter(attempt -> attempt.closure().isEmpty());
                if (sameRequest.isPresent()) {
                    return sameRequest.get();
                }
            }
            return journal.begin(customer.id(), BillingAction.Kind.CHECKOUT, command.clientKey(), fingerprint);
        });
        if (action.succeeded()) {
            return new CheckoutStarted(action.resultReference().orElseThrow(), action.resultUrl().orElseThrow());
        }
        closeEarlierSessions(command.customer(), action);

        StripeCustomerId stripeCustomer = accounts.ensureStripeCustomer(command.customer());
        // A first subscription only: a customer who had one, even one canceled since, gets no second trial.
        boolean firstSubscription = !tx.call(() -> current.everSubscribed(command.customer()));
        OptionalInt trial = options.trialDays() > 0 && firstSubscription ? OptionalInt.of(options.trialDays())
                : OptionalInt.empty();
        CheckoutRequest request = new CheckoutRequest(stripeCustomer, command.customer(), plan.priceId().orElseThrow(),
                catalog.overagePrice(), successUrl, cancelUrl, trial, options.allowPromotionCodes(), options.automaticTax());
        HostedCheckout session = journal.call(action, () -> gateway.createCheckoutSession(request, action.idempotencyKey()));
        tx.call(() -> {
            journal.succeeded(action, Optional.of(session.sessionId()), Optional.of(session.url()));
            return null;
        });
        expireOlderOpenSessions(command.customer(), stripeCustomer, session.sessionId());
        return new CheckoutStarted(session.sessionId(), session.url());
    }

    /**
     * After the new session exists: expires every session of the customer still open at Stripe that was created
     * before it, also those this service never learnt of (a creation whose answer was lost) and those of a request
     * running at the same moment (two tabs: each expires the older, so the newest stays). One Stripe refuses to expire
     * (completed meanwhile) does not keep the others open. Best effort: the new session is the answer either way, and a
     * second subscription that still appears is ended and refunded.
     */
    private void expireOlderOpenSessions(CustomerId customer, StripeCustomerId stripeCustomer, String newSessionId) {
        try {
            List<CheckoutSessionSnapshot> open = gateway.openCheckoutSessions(stripeCustomer);
            Optional<CheckoutSessionSnapshot> newest = open.stream().filter(s -> s.id().equals(newSessionId)).findFirst();
            if (newest.isEmpty()) {
                return;
            }
            for (CheckoutSessionSnapshot older : open.stream().filter(s -> s.createdBefore(newest.get())).toList()) {
                try {
                    gateway.expireCheckoutSession(older.id(), "expire:" + older.id());
                } catch (PaymentGatewayException.Rejected completedMeanwhile) {
                    LOG.info(() -> "Checkout session " + older.id() + " of " + customer + " could not be expired ("
                            + completedMeanwhile.getMessage() + "); the others still are");
                    continue;
                }
                tx.call(() -> {
                    actions.findCheckout(customer, older.id()).filter(attempt -> attempt.closure().isEmpty())
                            .ifPresent(attempt -> actions.closeCheckout(attempt.idempotencyKey(),
                                    BillingAction.Closure.EXPIRED, clock.now()));
                    return null;
                });
            }
        } catch (PaymentGatewayException notNow) {
            LOG.warning(() -> "Could not expire the older open checkout sessions of " + customer + " now: " + notNow
                    .getMessage());
        }
    }

    private void refuseIfSubscribed(CustomerId customer) {
        current.of(customer).filter(subscription -> subscription.isLiveAt(clock.now())).ifPresent(live -> {
            throw new BillingRejection(BillingRejection.Reason.ALREADY_SUBSCRIBED, "You already have a "
                    + live.status().stripeName() + " subscription; change or cancel it in the customer portal.");
        });
    }

    /**
     * Expires, at Stripe, each earlier session of the customer that may still be open, and records how each ended
     * with its checkout attempt. Outside any transaction.
     */
    private void closeEarlierSessions(CustomerId customer, BillingAction newAttempt) {
        List<BillingAction> earlier = tx.call(() -> actions.openCheckouts(customer, clock.now().minus(SESSIONS_STAY_OPEN)))
                .stream().filter(attempt -> !attempt.idempotencyKey().equals(newAttempt.idempotencyKey())).toList();
        for (BillingAction attempt : earlier) {
            String sessionId = attempt.resultReference().orElseThrow();
            CheckoutSessionSnapshot session;
            try {
                session = gateway.expireCheckoutSession(sessionId, attempt.idempotencyKey() + ":expire");
            } catch (PaymentGatewayException.Rejected notOpen) {
                Optional<CheckoutSessionSnapshot> known = gateway.checkoutSession(sessionId);
                if (known.isPresent() && !known.get().isComplete() && !known.get().isExpired()) {
                    throw notOpen;
                }
                session = known.orElse(null);
            }
            // A session Stripe no longer knows (made with another key or account) can never be paid: it is over.
            BillingAction.Closure closure = session != null && session.isComplete() ? BillingAction.Closure.COMPLETE
                    : BillingAction.Closure.EXPIRED;
            tx.call(() -> {
                actions.closeCheckout(attempt.idempotencyKey(), closure, clock.now());
                return null;
            });
            if (closure == BillingAction.Closure.COMPLETE) {
                session.subscription().ifPresent(subscription -> sync.syncFromStripe(subscription, Optional.of(customer)));
                tx.call(() -> {
                    refuseIfSubscribed(customer);
                    return null;
                });
            }
        }
    }
}
