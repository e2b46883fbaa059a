package com.agentmarket.billing.application.admin;

import com.agentmarket.billing.application.admin.port.in.CustomerDetail;
import com.agentmarket.billing.application.admin.port.in.OperateCustomers;
import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.flag.port.out.OperatorFlags;
import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.RecordedInvoice;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.application.usage.port.in.GetMyUsage;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

@ApplicationScoped
class OperateCustomersService implements OperateCustomers {

    static final int RECENT_EVENTS = 20;

    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final WebhookInbox inbox;
    private final OperatorFlags flags;
    private final GetMySubscription subscriptionView;
    private final GetMyUsage usageView;
    private final AuditTrail audit;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    OperateCustomersService(CustomerRepository customers, SubscriptionRepository subscriptions, InvoiceRepository invoices,
            WebhookInbox inbox, OperatorFlags flags, GetMySubscription subscriptionView, GetMyUsage usageView, AuditTrail audit,
            InTransaction tx, Clock clock) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.inbox = inbox;
        this.flags = flags;
        this.subscriptionView = subscriptionView;
        this.usageView = usageView;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected OperateCustomersService() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public Page<Customer> find(String query, int page, int size) {
        return tx.call(() -> customers.search(query == null ? "" : query.trim(), page, size));
    }

    @Override
    public CustomerDetail inspect(CustomerId id) {
        return tx.call(() -> {
            Customer customer = known(id);
            Set<String> objects = invoices.ofCustomer(id).stream().map(RecordedInvoice::id)
                    .collect(java.util.stream.Collectors.toCollection(HashSet::new));
            subscriptions.ofCustomer(id).stream().map(Subscription::id).forEach(sub -> objects.add(sub.value()));
            customer.stripeCustomerId().map(StripeCustomerId::value).ifPresent(objects::add);
            return new CustomerDetail(customer, subscriptionView.mySubscription(id), usageView.myUsage(id),
                    inbox.recentFor(objects, RECENT_EVENTS), flags.ofCustomer(id));
        });
    }

    @Override
    public Customer suspend(String operator, CustomerId id, String reason) {
        return change(operator, id, "customer.suspend", Optional.of(reason),
                customer -> customer.suspendByOperator(reason, clock.now()));
    }

    @Override
    public Customer reinstate(String operator, CustomerId id) {
        return change(operator, id, "customer.reinstate", Optional.empty(), Customer::reinstate);
    }

    private Customer change(String operator, CustomerId id, String action, Optional<String> detail,
            UnaryOperator<Customer> change) {
        return InTransaction.retryingConflicts(tx, () -> {
            Customer customer = known(id);
            Customer changed = change.apply(customer);
            if (changed.changes().isEmpty()) {
                // Recorded too (who tried what), marked so the trail does not claim a change that did not happen.
                audit.record(new AuditTrail.Entry(clock.now(), operator, action, id.value(),
                        Optional.of("no change" + detail.map(text -> ": " + text).orElse(""))));
                return customer;
            }
            audit.record(new AuditTrail.Entry(clock.now(), operator, action, id.value(), detail));
            return customers.save(changed);
        });
    }

    private Customer known(CustomerId id) {
        return customers.find(id).orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_FOUND,
                "No customer " + id + "."));
    }
}
