package com.agentmarket.billing.application.usage.port.in;

import com.agentmarket.billing.application.shared.ClientKey;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The guide's "record usage" for a subscription item, kept on top of Billing Meters: an increment queued for
 * Stripe's meter. Only increments exist (meters add up events); the time must be within what Stripe accepts.
 */
public interface RecordUsage {

    RecordedUsage record(RecordUsageCommand command);

    /**
     * @param caller the customer asking, or empty for the platform's backend ({@code billing-recorder}), which may
     *        record for any customer's item
     * @param timestamp when the usage happened, in unix seconds as sent (default now)
     * @param action {@code increment} (the default); {@code set} is refused
     * @param clientKey the caller's {@code Idempotency-Key}: a retry with the same request records nothing more and
     *        answers the first record; another request under it is refused
     */
    record RecordUsageCommand(Optional<CustomerId> caller, SubscriptionItemId item, long quantity,
            OptionalLong timestamp, String action, Optional<ClientKey> clientKey) {

        public RecordUsageCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(clientKey, "clientKey");
        }
    }

    /** @param identifier the meter event's identifier; {@code duplicate} when a retry changed nothing */
    record RecordedUsage(String identifier, SubscriptionItemId item, long quantity, Instant timestamp, boolean duplicate) {
    }
}
