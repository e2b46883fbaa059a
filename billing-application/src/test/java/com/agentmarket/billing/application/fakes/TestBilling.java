package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.checkout.CheckoutAttempts;
import com.agentmarket.billing.application.customer.CustomerAccounts;
import com.agentmarket.billing.application.flag.Flags;
import com.agentmarket.billing.application.payment.InvoiceRecords;
import com.agentmarket.billing.application.payment.PaymentStanding;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.RedirectPolicy;
import com.agentmarket.billing.application.subscription.CurrentSubscriptions;
import com.agentmarket.billing.application.subscription.DuplicateSubscriptions;
import com.agentmarket.billing.application.subscription.SubscriptionMirror;
import com.agentmarket.billing.application.subscription.SubscriptionSync;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application wired to in-memory fakes of every outbound port, as the use-case tests need it. */
public class TestBilling {

    public static final PriceId BASIC_PRICE = new PriceId("price_basic");
    public static final PriceId PRO_PRICE = new PriceId("price_pro");
    public static final PriceId METERED_PRICE = new PriceId("price_metered");
    public static final String APP = "https://app.example.com";
    public static final BillingPeriod PERIOD =
            new BillingPeriod(Instant.parse("2026-08-03T10:00:00Z"), Instant.parse("2026-09-03T10:00:00Z"));

    public final FixedClock clock = FixedClock.at("2026-08-20T12:00:00Z");
    public final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
    public final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    public final InMemoryBillingActionLog actions = new InMemoryBillingActionLog();
    public final InMemoryInvoiceRepository invoices = new InMemoryInvoiceRepository();
    public final InMemoryNotificationOutbox outbox = new InMemoryNotificationOutbox();
    public final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    public final InMemoryOperatorFlags operatorFlags = new InMemoryOperatorFlags();
    public final FakeStripe stripe = new FakeStripe();
    public final PlanCatalog catalog;
    public final RedirectPolicy redirects = new RedirectPolicy("https://billing.example.org", List.of(APP), true);
    public final InTransaction tx = new InTransaction();
    public final ActionJournal journal = new ActionJournal(actions, tx, clock);
    public final CustomerAccounts accounts = new CustomerAccounts(customers, stripe, journal, tx, clock);
    public final Flags flags = new Flags(operatorFlags, clock);
    public final PaymentStanding standing = new PaymentStanding(invoices, subscriptions, clock);
    public final InvoiceRecords invoiceRecords = new InvoiceRecords(invoices);
    public final CheckoutAttempts attempts = new CheckoutAttempts(actions);
    public final CurrentSubscriptions current;
    public final SubscriptionMirror mirror;
    public final DuplicateSubscriptions duplicates;
    public final SubscriptionSync sync;

    public TestBilling() {
        this(Optional.empty());
    }

    public TestBilling(Optional<PriceId> overagePrice) {
        this(PlanCatalog.standard(Map.of(PlanId.BASIC, BASIC_PRICE, PlanId.PRO, PRO_PRICE), overagePrice));
    }

    public TestBilling(PlanCatalog catalog) {
        this.catalog = catalog;
        current = new CurrentSubscriptions(customers, subscriptions, catalog);
        mirror = new SubscriptionMirror(customers, subscriptions, catalog, standing, flags, clock);
        duplicates = new DuplicateSubscriptions(stripe, mirror, customers, subscriptions, journal, actions, outbox, audit, flags,
                tx, clock);
        sync = new SubscriptionSync(stripe, mirror, duplicates, tx, clock);
    }

    /** A subscription as Stripe would report it for the customer, created when its period started. */
    public static SubscriptionSnapshot stripeSubscription(String id, StripeCustomerId stripeCustomer, CustomerId owner,
            PriceId price, SubscriptionStatus status) {
        return new SubscriptionSnapshot(new StripeSubscriptionId(id), stripeCustomer, Optional.of(owner.value()), status,
                List.of(new SubscriptionItem(new SubscriptionItemId("si_" + id.substring(4)), price)), PERIOD, false,
                Optional.empty(), false, PERIOD.start(), Optional.empty());
    }

    /** A customer who bought a plan: stored, linked to Stripe, following an active subscription. */
    public CustomerId subscriber(String customerId, PriceId price, SubscriptionStatus status) {
        CustomerId id = new CustomerId(customerId);
        StripeCustomerId stripeCustomer = new StripeCustomerId("cus_" + customerId);
        SubscriptionSnapshot snapshot = stripeSubscription("sub_" + customerId, stripeCustomer, id, price, status);
        stripe.hasSubscription(snapshot);
        tx.call(() -> mirror.apply(snapshot, clock.now(), Optional.of(id)));
        return id;
    }
}
