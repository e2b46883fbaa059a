package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.CreditNote;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.payment.port.out.ScheduleSnapshot;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.model.checkout.Session;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Stripe's objects (API 2026-07-29.dahlia) in the application's terms: the anti-corruption layer. */
final class StripeTranslation {

    /** Where we put our customer id on Stripe objects; {@code user_id} is what the product guide's version used. */
    static final String CUSTOMER_ID_METADATA = "customer_id";
    private static final String LEGACY_CUSTOMER_ID_METADATA = "user_id";
    /** Where a credit note of ours keeps the idempotency key of the action that issued it. */
    static final String ACTION_METADATA = "billing_action";

    private StripeTranslation() {
    }

    /**
     * The subscription with the schedule that manages it, if any, and the change waiting for its payment (the pending
     * update's expiry).
     */
    static SubscriptionSnapshot subscription(Subscription subscription, Optional<SubscriptionSchedule> schedule) {
        return subscription(subscription).withPlanChanges(schedule.filter(managing -> managing.getPhases() != null
                        && managing.getCurrentPhase() != null).map(StripeTranslation::schedule),
                Optional.ofNullable(subscription.getPendingUpdate()).map(Subscription.PendingUpdate::getExpiresAt)
                        .map(Instant::ofEpochSecond))
                .withAutomaticTax(subscription.getAutomaticTax() != null
                        && Boolean.TRUE.equals(subscription.getAutomaticTax().getEnabled()));
    }

    /**
     * A schedule in our terms: when its current phase started, and the phase that starts when the current one ends,
     * if one does.
     */
    static ScheduleSnapshot schedule(SubscriptionSchedule schedule) {
        Long currentEnd = schedule.getCurrentPhase().getEndDate();
        Optional<ScheduleSnapshot.NextPhase> next = schedule.getPhases().stream()
                .filter(phase -> phase.getStartDate() != null && phase.getStartDate().equals(currentEnd))
                .findFirst()
                .map(phase -> new ScheduleSnapshot.NextPhase(phase.getItems() == null ? List.of()
                        : phase.getItems().stream().map(SubscriptionSchedule.Phase.Item::getPrice).filter(Objects::nonNull)
                        .map(PriceId::new).toList(), Instant.ofEpochSecond(phase.getStartDate())));
        return new ScheduleSnapshot(schedule.getId(), Instant.ofEpochSecond(schedule.getCurrentPhase().getStartDate()), next);
    }

    /** The billing period lives on the subscription's items in this API version; they share one cycle. */
    private static SubscriptionSnapshot subscription(Subscription subscription) {
        List<SubscriptionItem> items = subscription.getItems() == null ? List.of() : subscription.getItems().getData();
        SubscriptionItem cycle = items.stream().filter(item -> item.getCurrentPeriodStart() != null)
                .min(Comparator.comparing(SubscriptionItem::getCurrentPeriodStart))
                .orElseThrow(() -> new IllegalStateException("subscription " + subscription.getId() + " has no billing period"));
        return new SubscriptionSnapshot(new StripeSubscriptionId(subscription.getId()),
                new StripeCustomerId(subscription.getCustomer()), ourCustomerId(subscription.getMetadata()),
                SubscriptionStatus.fromStripe(subscription.getStatus()),
                items.stream().map(item -> new com.agentmarket.billing.domain.subscription.SubscriptionItem(new SubscriptionItemId(item.getId()),
                        new PriceId(item.getPrice().getId()))).toList(),
                new BillingPeriod(Instant.ofEpochSecond(cycle.getCurrentPeriodStart()),
                        Instant.ofEpochSecond(cycle.getCurrentPeriodEnd())),
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                Optional.ofNullable(subscription.getCancelAt()).map(Instant::ofEpochSecond),
                Boolean.TRUE.equals(subscription.getLivemode()),
                Instant.ofEpochSecond(Objects.requireNonNullElse(subscription.getCreated(), cycle.getCurrentPeriodStart())),
                Optional.ofNullable(subscription.getLatestInvoice()),
                Optional.ofNullable(subscription.getTrialEnd()).map(Instant::ofEpochSecond));
    }

    static CheckoutSessionSnapshot checkoutSession(Session session) {
        return new CheckoutSessionSnapshot(session.getId(), Optional.ofNullable(session.getClientReferenceId()),
                Optional.ofNullable(session.getCustomer()).map(StripeCustomerId::new),
                Optional.ofNullable(session.getSubscription()).map(StripeSubscriptionId::new),
                Objects.requireNonNullElse(session.getStatus(), "open"), Boolean.TRUE.equals(session.getLivemode()),
                Optional.ofNullable(session.getCustomerDetails()).map(Session.CustomerDetails::getEmail)
                        .or(() -> Optional.ofNullable(session.getCustomerEmail())),
                ourCustomerId(session.getMetadata()),
                Instant.ofEpochSecond(Objects.requireNonNullElse(session.getCreated(), 0L)));
    }

    static PaymentMethodSummary paymentMethod(PaymentMethod method) {
        Optional<PaymentMethodSummary.Card> card = Optional.ofNullable(method.getCard())
                .map(c -> new PaymentMethodSummary.Card(c.getBrand(), c.getLast4(), toInt(c.getExpMonth()),
                        toInt(c.getExpYear())));
        return new PaymentMethodSummary(method.getId(), method.getType(), card);
    }

    static InvoiceSummary invoice(Invoice invoice) {
        String currency = Objects.requireNonNullElse(invoice.getCurrency(), "usd");
        long tax = invoice.getTotalTaxes() == null ? 0
                : invoice.getTotalTaxes().stream().mapToLong(total -> nonNull(total.getAmount())).sum();
        long amountDue = nonNull(invoice.getAmountDue());
        return new InvoiceSummary(invoice.getId(), Money.of(amountDue, currency),
                Money.of(nonNull(invoice.getAmountPaid()), currency), Objects.requireNonNullElse(invoice.getStatus(), "draft"),
                Instant.ofEpochSecond(nonNull(invoice.getCreated())), Optional.ofNullable(invoice.getInvoicePdf()),
                Money.of(tax, currency), Money.of(invoice.getTotal() == null ? amountDue : invoice.getTotal(), currency));
    }

    static InvoiceSnapshot invoiceSnapshot(Invoice invoice) {
        String currency = Objects.requireNonNullElse(invoice.getCurrency(), "usd");
        Optional<StripeSubscriptionId> subscription = Optional.ofNullable(invoice.getParent())
                .map(Invoice.Parent::getSubscriptionDetails)
                .map(details -> details.getSubscription())
                .map(StripeSubscriptionId::new);
        Optional<Instant> paidAt = Optional.ofNullable(invoice.getStatusTransitions())
                .map(Invoice.StatusTransitions::getPaidAt).map(Instant::ofEpochSecond);
        return new InvoiceSnapshot(invoice.getId(), new StripeCustomerId(invoice.getCustomer()), subscription,
                Objects.requireNonNullElse(invoice.getStatus(), "draft"), Money.of(nonNull(invoice.getAmountDue()), currency),
                Money.of(nonNull(invoice.getAmountPaid()), currency), Math.toIntExact(nonNull(invoice.getAttemptCount())),
                Instant.ofEpochSecond(nonNull(invoice.getCreated())), paidAt,
                Optional.ofNullable(invoice.getHostedInvoiceUrl()),
                Optional.ofNullable(invoice.getNextPaymentAttempt()).map(Instant::ofEpochSecond),
                Optional.ofNullable(invoice.getCustomerEmail()),
                Money.of(nonNull(invoice.getPostPaymentCreditNotesAmount()), currency));
    }

    static CreditNote creditNote(com.stripe.model.CreditNote note) {
        return new CreditNote(note.getId(), note.getInvoice(), Money.of(nonNull(note.getAmount()),
                Objects.requireNonNullElse(note.getCurrency(), "usd")),
                Optional.ofNullable(note.getMetadata()).map(metadata -> metadata.get(ACTION_METADATA)));
    }

    static PriceDescription price(Price price) {
        Optional<Money> unitAmount = Optional.ofNullable(price.getUnitAmount())
                .filter(amount -> price.getCurrency() != null)
                .map(amount -> Money.of(amount, price.getCurrency()));
        return new PriceDescription(new PriceId(price.getId()), unitAmount,
                Optional.ofNullable(price.getRecurring()).map(Price.Recurring::getInterval),
                Boolean.TRUE.equals(price.getActive()));
    }

    private static Optional<String> ourCustomerId(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(metadata.get(CUSTOMER_ID_METADATA))
                .or(() -> Optional.ofNullable(metadata.get(LEGACY_CUSTOMER_ID_METADATA)))
                .filter(id -> !id.isBlank());
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }

    private static int toInt(Long value) {
        return value == null ? 0 : Math.toIntExact(value);
    }
}
