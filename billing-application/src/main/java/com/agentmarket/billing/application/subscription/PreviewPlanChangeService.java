package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.checkout.CheckoutOptions;
import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.payment.port.out.InvoicePreviewRequest;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.port.in.PlanChangePreview;
import com.agentmarket.billing.application.subscription.port.in.PreviewPlanChange;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanChange;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Asks Stripe what a plan change would cost ({@code POST /v1/invoices/create_preview}), outside any transaction: for
 * an upgrade, the proration invoiced at once and the next regular invoice at the new price; for a downgrade, only the
 * next invoice, since it takes effect at the end of the period. With Stripe Tax on, the amounts include tax.
 */
@ApplicationScoped
class PreviewPlanChangeService implements PreviewPlanChange {

    private final CustomerRepository customers;
    private final CurrentSubscriptions current;
    private final PlanCatalog catalog;
    private final PaymentGateway gateway;
    private final CheckoutOptions options;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    PreviewPlanChangeService(CustomerRepository customers, CurrentSubscriptions current, PlanCatalog catalog,
            PaymentGateway gateway, CheckoutOptions options, InTransaction tx, Clock clock) {
        this.customers = customers;
        this.current = current;
        this.catalog = catalog;
        this.gateway = gateway;
        this.options = options;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected PreviewPlanChangeService() {
        this(null, null, null, null, null, null, null);
    }

    private record Subscribed(Customer customer, Subscription subscription) {
    }

    @Override
    public PlanChangePreview preview(CustomerId customerId, PriceId price) {
        Plan target = catalog.soldBy(price).orElseThrow(() -> new BillingRejection(BillingRejection.Reason.UNKNOWN_PRICE,
                "price_id " + price + " is not one of the plans on sale"));
        Instant now = clock.now();
        Subscribed subscribed = tx.call(() -> customers.find(customerId)
                .flatMap(customer -> current.of(customer).filter(subscription -> subscription.entitlesAt(now))
                        .filter(subscription -> customer.stripeCustomerId().isPresent())
                        .map(subscription -> new Subscribed(customer, subscription))))
                .orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_SUBSCRIBED,
                        "There is no paid subscription to change: buy a plan through checkout."));
        Subscription subscription = subscribed.subscription();
        SubscriptionItem tierItem = subscription.tierItem(catalog)
                .orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_SUBSCRIBED,
                        "The subscription bills no plan's price; it cannot be changed here."));
        boolean upgrade = PlanChange.between(catalog.plan(subscription.plan()), target) == PlanChange.UPGRADE;
        InvoicePreviewRequest next = new InvoicePreviewRequest(subscribed.customer().stripeCustomerId().orElseThrow(),
                subscription.id(), tierItem.id(), price, false, options.automaticTax());
        Money nextInvoice = gateway.previewInvoice(next);
        Money dueNow = upgrade ? gateway.previewInvoice(new InvoicePreviewRequest(next.customer(), next.subscription(),
                next.item(), price, true, options.automaticTax())) : Money.of(0, nextInvoice.currency());
        return new PlanChangePreview(price, target, upgrade ? PlanChangePreview.Effective.NOW
                : PlanChangePreview.Effective.PERIOD_END, dueNow, nextInvoice, subscription.periodAt(now).end());
    }
}
