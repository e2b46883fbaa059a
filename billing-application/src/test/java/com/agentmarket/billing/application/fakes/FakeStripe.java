package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.payment.port.out.CheckoutRequest;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.HostedCheckout;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.InvoiceSummary;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
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
    private Mode mode = Mode.TEST;

    public void hasPrice(PriceDescription price) {
        prices.put(price.id(), price);
    }

    public void runsIn(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    /** The next call fails with this, once. */
    public void failNextCallWith(PaymentGatewayException failure) {
        this.nextFailure = failure;
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
                Optional.of(subscription.id()), "complete", false, open.customerEmail()));
        hasSubscription(subscription);
    }

    private synchronized <T> T write(String operation, String key, Supplier<T> effect) {
        failIfAsked();
        writes.add(new Write(operation, key));
        @SuppressWarnings("unchecked")
        T earlier = (T) resultsByKey.get(key);
        if (earlier != null) {
            return earlier;
        }
        T result = effect.get();
        resultsByKey.put(key, result);
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
        return write("createCustomer", idempotencyKey, () -> new StripeCustomerId("cus_fake" + ids.incrementAndGet()));
    }

    @Override
    public HostedCheckout createCheckoutSession(CheckoutRequest request, String idempotencyKey) {
        return write("createCheckoutSession", idempotencyKey, () -> {
            String id = "cs_test_fake" + ids.incrementAndGet();
            sessions.put(id, new CheckoutSessionSnapshot(id, Optional.of(request.customer().value()),
                    Optional.of(request.stripeCustomer()), Optional.empty(), "open", false, Optional.empty()));
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
    public SubscriptionSnapshot setCancelAtPeriodEnd(StripeSubscriptionId id, boolean cancelAtPeriodEnd, String idempotencyKey) {
        return write(cancelAtPeriodEnd ? "cancelAtPeriodEnd" : "undoCancel", idempotencyKey, () -> {
            SubscriptionSnapshot s = subscriptions.get(id);
            SubscriptionSnapshot changed = new SubscriptionSnapshot(s.id(), s.customer(), s.customerIdMetadata(), s.status(),
                    s.items(), s.currentPeriod(), cancelAtPeriodEnd,
                    cancelAtPeriodEnd ? Optional.of(s.currentPeriod().end()) : Optional.empty(), s.livemode());
            subscriptions.put(id, changed);
            return changed;
        });
    }

    @Override
    public SubscriptionSnapshot resumePaused(StripeSubscriptionId id, String idempotencyKey) {
        return write("resume", idempotencyKey, () -> {
            SubscriptionSnapshot s = subscriptions.get(id);
            SubscriptionSnapshot resumed = new SubscriptionSnapshot(s.id(), s.customer(), s.customerIdMetadata(),
                    SubscriptionStatus.ACTIVE, s.items(), s.currentPeriod(), s.cancelAtPeriodEnd(), s.cancelAt(), s.livemode());
            subscriptions.put(id, resumed);
            return resumed;
        });
    }

    @Override
    public List<PaymentMethodSummary> paymentMethods(StripeCustomerId customer) {
        failIfAsked();
        return List.of(new PaymentMethodSummary("pm_fake", "card",
                Optional.of(new PaymentMethodSummary.Card("visa", "4242", 12, 2030))));
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
