package com.agentmarket.billing.adapter.in.rest.subscription;

import com.agentmarket.billing.adapter.in.rest.shared.MoneyJson;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/**
 * The guide's subscription shape, plus {@code trial_end} (null when there is no trial) and {@code pending_change}
 * (null when none is scheduled); times in unix seconds, the amount in major units.
 */
@JsonbPropertyOrder({"id", "status", "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd", "planName",
        "planAmount", "trialEnd", "pendingChange"})
public record SubscriptionJson(String id, String status, long currentPeriodStart, long currentPeriodEnd,
        boolean cancelAtPeriodEnd, String planName, BigDecimal planAmount, Long trialEnd, PendingChangeJson pendingChange) {

    /** A downgrade Stripe makes at {@code effective_at} (the end of the period): the plan's id, e.g. {@code basic}. */
    @JsonbPropertyOrder({"plan", "effectiveAt"})
    public record PendingChangeJson(String plan, long effectiveAt) {
    }

    public static SubscriptionJson of(SubscriptionView view) {
        return new SubscriptionJson(view.id().map(StripeSubscriptionId::value).orElse(null), view.status().stripeName(),
                view.currentPeriod().start().getEpochSecond(), view.currentPeriod().end().getEpochSecond(),
                view.cancelAtPeriodEnd(), view.plan().name(), MoneyJson.major(view.plan().monthlyPrice()),
                view.trialEnd().map(java.time.Instant::getEpochSecond).orElse(null),
                view.pendingChange().map(change -> new PendingChangeJson(change.plan().code(),
                        change.effectiveAt().getEpochSecond())).orElse(null));
    }
}
