package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A plan change as it would happen: an upgrade (a more expensive tier) now, with the proration charged at once; a
 * downgrade at the end of the current period, with nothing due now.
 *
 * @param amountDueNow what the customer pays at once (zero for a downgrade)
 * @param nextInvoiceAmount the next regular invoice, at the new price
 * @param nextInvoiceAt when it comes: the end of the current period
 */
public record PlanChangePreview(PriceId price, Plan plan, Effective effective, Money amountDueNow, Money nextInvoiceAmount,
        Instant nextInvoiceAt) {

    /** When a change takes effect. */
    public enum Effective {
        NOW,
        PERIOD_END
    }

    public PlanChangePreview {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(amountDueNow, "amountDueNow");
        Objects.requireNonNull(nextInvoiceAmount, "nextInvoiceAmount");
        Objects.requireNonNull(nextInvoiceAt, "nextInvoiceAt");
    }
}
