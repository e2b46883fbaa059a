package com.agentmarket.billing.adapter.out.persistence.webhook;

import com.agentmarket.billing.application.webhook.InboxEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored event; its raw {@code payload} column is written once and deliberately not mapped (lists stay light). */
@Entity
@Table(name = "webhook_event")
public class WebhookEventEntity {

    @Id
    @Column(name = "event_id")
    String eventId;

    @Column(nullable = false, updatable = false)
    String type;

    @Column(nullable = false, updatable = false)
    boolean livemode;

    @Column(name = "api_version", updatable = false)
    String apiVersion;

    @Column(name = "object_id", updatable = false)
    String objectId;

    @Column(name = "invoice_attempt", updatable = false)
    Integer invoiceAttempt;

    @Column(name = "stripe_created", nullable = false, updatable = false)
    OffsetDateTime stripeCreated;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    InboxEvent.Status status;

    @Column(nullable = false)
    int attempts;

    String outcome;

    @Column(name = "next_attempt_at")
    OffsetDateTime nextAttemptAt;

    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_until")
    OffsetDateTime claimedUntil;

    @Column(name = "received_at", nullable = false, updatable = false)
    OffsetDateTime receivedAt;

    @Column(name = "processed_at")
    OffsetDateTime processedAt;

    protected WebhookEventEntity() {
    }
}
