package com.agentmarket.billing.application.checkout;

import com.agentmarket.billing.application.checkout.port.in.CheckoutStarted;
import com.agentmarket.billing.application.checkout.port.in.StartCheckout;
import com.agentmarket.billing.application.checkout.port.in.StartCheckoutCommand;
import com.agentmarket.billing.application.customer.CustomerAccounts;
import com.agentmarket.billing.application.payment.port.out.CheckoutRequest;
import com.agentmarket.billing.application.payment.port.out.HostedCheckout;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.RedirectPolicy;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.CurrentSubscriptions;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

@ApplicationScoped
class StartCheckoutService implements StartCheckout {

    /**
     * Without an Idempotency-Key, the same request again within this window is a retry (a double click, a reload)
     * and gets the session already created: two open sessions could both be paid.
     */
    static final Duration SAME_REQUEST_WINDOW = Duration.ofMinutes(30);

    private final PlanCatalog catalog;
    private final RedirectPolicy redirects;
    private final CustomerAccounts accounts;
    private final CurrentSubscriptions current;
    private final BillingActionLog actions;
    private final ActionJournal journal;
    private final PaymentGateway gateway;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    StartCheckoutService(PlanCatalog catalog, RedirectPolicy redirects, CustomerAccounts accounts,
            CurrentSubscriptions current, BillingActionLog actions, ActionJournal journal, PaymentGateway gateway,
            InTransaction tx, Clock clock) {
        this.catalog = catalog;
        this.redirects = redirects;
        this.accounts = accounts;
        this.current = current;
        this.actions = actions;
        this.journal = journal;
        this.gateway = gateway;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected StartCheckoutService() {
        this(null, null, null, null, null, null, null, null, null);
    }

    @Override
    public CheckoutStarted start(StartCheckoutCommand command) {
        Plan plan = catalog.soldBy(command.price()).orElseThrow(() -> new BillingRejection(
                BillingRejection.Reason.UNKNOWN_PRICE, "price_id " + command.price() + " is not one of the plans on sale"));
        String successUrl = redirects.check("success_url", command.successUrl(), command.serviceOrigin());
        String cancelUrl = redirects.check("cancel_url", command.cancelUrl(), command.serviceOrigin());
        String fingerprint = Fingerprint.of(command.price().value(), successUrl, cancelUrl);

        BillingAction action = InTransaction.retryingConflicts(tx, () -> {
            Customer customer = accounts.registerOrRefresh(command.customer(), command.email());
            current.of(customer).filter(subscription -> subscription.status().blocksNewPurchase()).ifPresent(live -> {
                throw new BillingRejection(BillingRejection.Reason.ALREADY_SUBSCRIBED, "You already have a "
                        + live.status().stripeName() + " subscription; change or cancel it in the customer portal.");
            });
            if (command.clientKey().isEmpty()) {
                Optional<BillingAction> sameRequest = actions.latest(customer.id(), BillingAction.Kind.CHECKOUT,
                        fingerprint, clock.now().minus(SAME_REQUEST_WINDOW)).filter(BillingAction::succeeded);
                if (sameRequest.isPresent()) {
                    return sameRequest.get();
                }
            }
            return journal.begin(customer.id(), BillingAction.Kind.CHECKOUT, command.clientKey(), fingerprint);
        });
        if (action.succeeded()) {
            return new CheckoutStarted(action.resultReference().orElseThrow(), action.resultUrl().orElseThrow());
        }

        CheckoutRequest request = new CheckoutRequest(accounts.ensureStripeCustomer(command.customer()),
                command.customer(), plan.priceId().orElseThrow(), catalog.overagePrice(), successUrl, cancelUrl);
        HostedCheckout session = journal.call(action, () -> gateway.createCheckoutSession(request, action.idempotencyKey()));
        tx.call(() -> {
            journal.succeeded(action, Optional.of(session.sessionId()), Optional.of(session.url()));
            return null;
        });
        return new CheckoutStarted(session.sessionId(), session.url());
    }
}
