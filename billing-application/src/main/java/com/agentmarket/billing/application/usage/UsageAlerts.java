package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.usage.UsageAlertPolicy;
import com.agentmarket.billing.domain.usage.UsagePeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tells a customer when their usage first reaches each threshold of {@code BILLING_USAGE_ALERT_PERCENTS} in a
 * period: one e-mail through the notification outbox, keyed by customer, period and threshold, so it is queued once
 * whatever the concurrency or the retries. Only the one execution that reaches a threshold does any work here (a
 * customer read and an insert); every other execution pays one comparison.
 */
@ApplicationScoped
public class UsageAlerts {

    private static final Logger LOG = Logger.getLogger(UsageAlerts.class.getName());

    private final UsageAlertPolicy policy;
    private final CustomerRepository customers;
    private final NotificationOutbox outbox;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    public UsageAlerts(UsageAlertPolicy policy, CustomerRepository customers, NotificationOutbox outbox, InTransaction tx,
            Clock clock) {
        this.policy = policy;
        this.customers = customers;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected UsageAlerts() {
        this(null, null, null, null, null);
    }

    /**
     * After an execution counted (or a repeat answered with its first answer): queues the alerts for the thresholds
     * its usage reached, to the address the caller's token vouches for, else the one we know. A repeat queues nothing new, but retries what a failed first attempt could not queue. Never
     * fails the execution: an alert that cannot be queued now is logged.
     */
    public void afterCounted(CustomerId customer, Optional<Email> vouched, UsagePeriod usage) {
        List<Integer> reached = policy.reachedAt(usage.used(), usage.limit());
        if (reached.isEmpty()) {
            return;
        }
        try {
            tx.call(() -> {
                Optional<Email> to = vouched.or(() -> customers.find(customer).flatMap(Customer::email));
                reached.forEach(percent -> outbox.enqueue(alert(customer, to, usage, percent), clock.now()));
                return null;
            });
        } catch (RuntimeException failure) {
            LOG.warning(() -> "Usage alert(s) " + reached + "% for " + customer + " not queued now (" + failure
                    + "); a retry of the execution queues them");
        }
    }

    private static Notification alert(CustomerId customer, Optional<Email> to, UsagePeriod usage, int percent) {
        long limit = usage.limit().orElseThrow();
        LocalDate ends = LocalDate.ofInstant(usage.period().end(), ZoneOffset.UTC);
        return new Notification("usage-alert:" + customer.value() + ":" + usage.period().start().getEpochSecond() + ":"
                + percent, customer, to, "You have used " + percent + "% of your monthly agent executions",
                "You have used " + usage.used() + " of the " + limit + " agent executions your plan includes in the "
                        + "period that ends on " + ends + " (UTC).\n\n" + (usage.used() >= limit
                                ? "Executions beyond your plan's quota are refused or billed per execution, as your plan "
                                        + "says, until the period ends. A larger plan raises the quota at once."
                                : "A larger plan raises the quota at once."));
    }
}
