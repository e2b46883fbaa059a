package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.application.usage.port.in.InspectUsageBacklog;
import com.agentmarket.billing.application.usage.port.in.RecordUsage;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
class RecordUsageService implements RecordUsage, InspectUsageBacklog {

    /** Stripe's window for meter event timestamps. */
    static final Duration OLDEST = BillingMeter.OLDEST_EVENT;
    static final Duration NEWEST = Duration.ofMinutes(5);
    static final long MAX_QUANTITY = 1_000_000_000L;

    private final SubscriptionRepository subscriptions;
    private final CustomerRepository customers;
    private final UsageReportOutbox outbox;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    RecordUsageService(SubscriptionRepository subscriptions, CustomerRepository customers, UsageReportOutbox outbox,
            InTransaction tx, Clock clock) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected RecordUsageService() {
        this(null, null, null, null, null);
    }

    @Override
    public RecordedUsage record(RecordUsageCommand command) {
        if (command.action().equals("set")) {
            throw new BillingRejection(BillingRejection.Reason.SET_NOT_SUPPORTED, "Billing Meters only add usage up: "
                    + "send the increment (action \"increment\") instead of a total.");
        }
        DomainViolation.require(command.action().equals("increment"), "action must be \"increment\"");
        DomainViolation.require(command.quantity() >= 1 && command.quantity() <= MAX_QUANTITY,
                "quantity must be a whole number from 1 to " + MAX_QUANTITY);
        Instant now = clock.now();
        long seconds = command.timestamp().orElse(now.getEpochSecond());
        if (seconds < now.minus(OLDEST).getEpochSecond() || seconds > now.plus(NEWEST).getEpochSecond()) {
            throw new BillingRejection(BillingRejection.Reason.TIMESTAMP_OUT_OF_RANGE, "timestamp must be within the last "
                    + OLDEST.toDays() + " days and at most " + NEWEST.toMinutes() + " minutes ahead (Stripe's meter window)");
        }
        Instant timestamp = Instant.ofEpochSecond(seconds);
        String request = Fingerprint.of(command.item().value(), String.valueOf(command.quantity()),
                command.timestamp().isPresent() ? String.valueOf(seconds) : "now", command.action());
        String identifier = "rec-" + command.clientKey().map(key -> key.scoped().substring(0, 40))
                .orElseGet(() -> UUID.randomUUID().toString());
        return tx.call(() -> {
            Subscription subscription = subscriptions.findByItem(command.item())
                    .filter(found -> command.caller().map(found.customerId()::equals).orElse(true))
                    .orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_FOUND,
                            "No subscription item " + command.item() + " of yours."));
            StripeCustomerId stripeCustomer = customers.find(subscription.customerId())
                    .flatMap(Customer::stripeCustomerId)
                    .orElseThrow(() -> new IllegalStateException("subscription " + subscription.id() + " has no Stripe customer"));
            if (outbox.enqueue(new UsageReport(identifier, subscription.customerId(), stripeCustomer, command.quantity(),
                    timestamp, 0), request, now)) {
                return new RecordedUsage(identifier, command.item(), command.quantity(), timestamp, false);
            }
            UsageReportOutbox.RecordedUsageReport first = outbox.recorded(identifier).orElseThrow();
            // A report recorded before request digests were kept (null) answers as the first record.
            if (first.request() != null && !first.request().equals(request)) {
                throw new BillingRejection(BillingRejection.Reason.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was already used for a different request.");
            }
            return new RecordedUsage(identifier, command.item(), first.report().value(), first.report().timestamp(), true);
        });
    }

    @Override
    public UsageBacklog backlog() {
        return tx.call(outbox::backlog);
    }

    @Override
    public Page<UnreportedUsage> unreported(int page, int size) {
        return tx.call(() -> outbox.unreported(page, size));
    }
}
