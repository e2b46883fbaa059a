package com.agentmarket.billing.adapter.out.persistence.subscription;

import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@Entity
@Table(name = "subscription")
public class SubscriptionEntity {

    @Id
    String id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "plan_id", nullable = false)
    PlanId planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    SubscriptionStatus status;

    @Column(name = "current_period_start", nullable = false)
    OffsetDateTime currentPeriodStart;

    @Column(name = "current_period_end", nullable = false)
    OffsetDateTime currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    boolean cancelAtPeriodEnd;

    @Column(name = "cancel_at")
    OffsetDateTime cancelAt;

    @Column(name = "trial_end")
    OffsetDateTime trialEnd;

    /** The plan a scheduled downgrade moves to, and when; both or neither. */
    @Enumerated(EnumType.STRING)
    @Column(name = "pending_plan_id")
    PlanId pendingPlanId;

    @Column(name = "pending_change_at")
    OffsetDateTime pendingChangeAt;

    @Column(name = "upgrade_awaiting_payment_until")
    OffsetDateTime upgradeAwaitingPaymentUntil;

    /** The items and their prices (see {@link SubscriptionMapper#itemsFromColumn}). */
    @Column(length = 2000)
    String items;

    /** When Stripe created the subscription. */
    @Column(name = "stripe_created", nullable = false)
    OffsetDateTime stripeCreated;

    /** When we asked Stripe for the state held. */
    @Column(name = "observed_at", nullable = false)
    OffsetDateTime observedAt;

    @Version
    long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    OffsetDateTime updatedAt;

    protected SubscriptionEntity() {
    }

    SubscriptionEntity(String id, String customerId) {
        this.id = id;
        this.customerId = customerId;
    }

    @PrePersist
    void onInsert() {
        createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
