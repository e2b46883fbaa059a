package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.customer.CustomerAccounts;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.RedirectPolicy;
import com.agentmarket.billing.application.subscription.CurrentSubscriptions;
import com.agentmarket.billing.application.subscription.SubscriptionSync;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
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
    public final FakeStripe stripe = new FakeStripe();
    public final PlanCatalog catalog;
    public final RedirectPolicy redirects = new RedirectPolicy(List.of(APP));
    public final InTransaction tx = new InTransaction();
    public final ActionJournal journal = new ActionJournal(actions, tx, clock);
    public final CustomerAccounts accounts = new CustomerAccounts(customers, stripe, journal, tx);
    public final CurrentSubscriptions current;
    public final SubscriptionSync sync;

    public TestBilling() {
        this(Optional.empty());
    }

    public TestBilling(Optional<PriceId> overagePrice) {
        catalog = PlanCatalog.standard(Map.of(PlanId.BASIC, BASIC_PRICE, PlanId.PRO, PRO_PRICE), overagePrice);
        current = new CurrentSubscriptions(customers, subscriptions, catalog);
        sync = new SubscriptionSync(stripe, customers, subscriptions, catalog, tx);
    }

    /** A subscription as Stripe would report it for the customer. */
    public static SubscriptionSnapshot stripeSubscription(String id, StripeCustomerId stripeCustomer, CustomerId owner,
            PriceId price, SubscriptionStatus status) {
        return new SubscriptionSnapshot(new StripeSubscriptionId(id), stripeCustomer, Optional.of(owner.value()), status,
                List.of(new SubscriptionSnapshot.Item(new SubscriptionItemId("si_" + id.substring(4)), price)), PERIOD, false,
                Optional.empty(), false);
    }

    /** A customer who bought a plan: stored, linked to Stripe, following an active subscription. */
    public CustomerId subscriber(String customerId, PriceId price, SubscriptionStatus status) {
        CustomerId id = new CustomerId(customerId);
        StripeCustomerId stripeCustomer = new StripeCustomerId("cus_" + customerId);
        SubscriptionSnapshot snapshot = stripeSubscription("sub_" + customerId, stripeCustomer, id, price, status);
        stripe.hasSubscription(snapshot);
        tx.call(() -> sync.apply(snapshot, Optional.of(id)));
        return id;
    }
}
