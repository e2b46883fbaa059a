package com.agentmarket.billing.application.customer;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/** Our customers as use cases need them: registered on first use, and known to Stripe exactly once. */
@ApplicationScoped
public class CustomerAccounts {

    /** One Stripe customer per customer, ever: the creation is a single action under a fixed client key. */
    private static final Optional<String> STRIPE_CUSTOMER_ACTION = Optional.of("stripe-customer");
    /**
     * Stripe keeps an idempotency key for at least 24 hours: a creation retried later than this may make a second
     * customer under the same key, so it first looks for the one an earlier attempt may have made.
     */
    private static final Duration KEY_KEPT = Duration.ofHours(23);

    private final CustomerRepository customers;
    private final PaymentGateway gateway;
    private final ActionJournal journal;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    public CustomerAccounts(CustomerRepository customers, PaymentGateway gateway, ActionJournal journal, InTransaction tx,
            Clock clock) {
        this.customers = customers;
        this.gateway = gateway;
        this.journal = journal;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected CustomerAccounts() {
        this(null, null, null, null, null);
    }

    /** Inside the caller's transaction: the stored customer, registered now if new, with the e-mail the token vouches for. */
    public Customer registerOrRefresh(CustomerId id, Optional<Email> email) {
        Optional<Customer> stored = customers.find(id);
        Customer current = stored.map(customer -> customer.withEmail(email)).orElseGet(() -> Customer.register(id, email));
        return current.changes().isEmpty() ? current : customers.save(current);
    }

    /**
     * The customer's Stripe customer, created in Stripe on first need. Outside any transaction. Concurrent callers
     * share one creation action and so one idempotency key: Stripe creates one customer.
     */
    public StripeCustomerId ensureStripeCustomer(CustomerId id) {
        BillingAction action = tx.call(() -> {
            Customer customer = customers.find(id).orElseThrow(() -> new IllegalStateException("unknown customer " + id));
            if (customer.stripeCustomerId().isPresent()) {
                return null;
            }
            return journal.begin(id, BillingAction.Kind.CREATE_CUSTOMER, STRIPE_CUSTOMER_ACTION, Fingerprint.of(id.value()));
        });
        if (action == null) {
            return tx.call(() -> customers.find(id).flatMap(Customer::stripeCustomerId).orElseThrow());
        }
        Optional<Email> email = tx.call(() -> customers.find(id).flatMap(Customer::email));
        StripeCustomerId created = action.succeeded() && action.resultReference().isPresent()
                ? new StripeCustomerId(action.resultReference().get())
                : earlierAttemptsCustomer(id, action)
                        .orElseGet(() -> journal.call(action, () -> gateway.createCustomer(id, email, action.idempotencyKey())));
        return InTransaction.retryingConflicts(tx, () -> {
            Customer customer = customers.find(id).orElseThrow();
            customers.save(customer.linkStripeCustomer(created));
            journal.succeeded(action, Optional.of(created.value()), Optional.empty());
            return created;
        });
    }

    /**
     * For a creation first attempted longer ago than Stripe surely keeps its key: the Stripe customer an attempt whose
     * answer was lost may have made (found by our id in its metadata), so that none is made twice.
     */
    private Optional<StripeCustomerId> earlierAttemptsCustomer(CustomerId id, BillingAction action) {
        if (action.createdAt().isAfter(clock.now().minus(KEY_KEPT))) {
            return Optional.empty();
        }
        return gateway.findCustomer(id);
    }
}
