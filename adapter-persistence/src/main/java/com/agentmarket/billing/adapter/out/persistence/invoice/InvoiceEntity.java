package com.agentmarket.billing.adapter.out.persistence.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@Entity
@Table(name = "invoice")
public class InvoiceEntity {

    @Id
    String id;

    @Column(name = "customer_id", nullable = false)
    String customerId;

    @Column(name = "subscription_id")
    String subscriptionId;

    @Column(nullable = false)
    String status;

    @Column(name = "amount_due", nullable = false)
    long amountDue;

    @Column(name = "amount_paid", nullable = false)
    long amountPaid;

    @Column(nullable = false)
    String currency;

    @Column(name = "attempt_count", nullable = false)
    int attemptCount;

    @Column(name = "stripe_created", nullable = false)
    OffsetDateTime stripeCreated;

    @Column(name = "paid_at")
    OffsetDateTime paidAt;

    @Column(name = "hosted_url")
    String hostedUrl;

    @Column(name = "updated_at", nullable = false)
    OffsetDateTime updatedAt;

    /** Which record a report was weighed against: see {@code InvoiceRepository#record}. */
    @jakarta.persistence.Version
    long version;

    /** When we asked Stripe for the state recorded. */
    @Column(name = "observed_at", nullable = false)
    OffsetDateTime observedAt;

    protected InvoiceEntity() {
    }

    InvoiceEntity(String id) {
        this.id = id;
    }

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
