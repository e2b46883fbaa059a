package com.agentmarket.billing.adapter.out.persistence.customer;

import com.agentmarket.billing.domain.customer.AccountStatus;
import com.agentmarket.billing.domain.customer.Suspension;
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
@Table(name = "customer")
public class CustomerEntity {

    @Id
    String id;

    String email;

    @Column(name = "stripe_customer_id")
    String stripeCustomerId;

    @Column(name = "stripe_subscription_id")
    String stripeSubscriptionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "account_status", nullable = false)
    AccountStatus accountStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "suspension_reason")
    Suspension.Reason suspensionReason;

    @Column(name = "suspended_at")
    OffsetDateTime suspendedAt;

    @Column(name = "suspension_note")
    String suspensionNote;

    @Column(name = "failed_invoice_id")
    String failedInvoiceId;

    @Column(name = "failed_invoice_subscription")
    String failedInvoiceSubscription;

    @Column(name = "failed_invoice_created")
    OffsetDateTime failedInvoiceCreated;

    @Version
    long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    OffsetDateTime updatedAt;

    protected CustomerEntity() {
    }

    CustomerEntity(String id) {
        this.id = id;
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
