package com.agentmarket.billing.adapter.out.persistence.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "notification")
public class NotificationEntity {

    @Id
    @Column(name = "notification_key")
    String key;

    @Column(name = "customer_id", nullable = false, updatable = false)
    String customerId;

    String recipient;

    @Column(nullable = false, updatable = false)
    String subject;

    @Column(nullable = false, updatable = false)
    String body;

    @Column(nullable = false)
    String status;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at")
    OffsetDateTime nextAttemptAt;

    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_until")
    OffsetDateTime claimedUntil;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "sent_at")
    OffsetDateTime sentAt;

    protected NotificationEntity() {
    }
}
