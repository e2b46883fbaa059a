package com.agentmarket.billing.adapter.out.persistence.action;

import com.agentmarket.billing.application.shared.port.out.BillingAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "billing_action")
public class BillingActionEntity {

    @Id
    @Column(name = "idempotency_key")
    String idempotencyKey;

    @Column(name = "customer_id", nullable = false, updatable = false)
    String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    BillingAction.Kind kind;

    @Column(name = "client_key", updatable = false)
    String clientKey;

    @Column(nullable = false, updatable = false)
    String fingerprint;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    BillingAction.State state;

    @Column(name = "result_reference")
    String resultReference;

    @Column(name = "result_url")
    String resultUrl;

    String failure;

    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "completed_at")
    OffsetDateTime completedAt;

    /** For a checkout attempt: how its session ended, once we learnt it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "closed_as")
    BillingAction.Closure closedAs;

    @Column(name = "closed_at")
    OffsetDateTime closedAt;

    protected BillingActionEntity() {
    }
}
