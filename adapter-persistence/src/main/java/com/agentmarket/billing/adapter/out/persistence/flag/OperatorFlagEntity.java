package com.agentmarket.billing.adapter.out.persistence.flag;

import com.agentmarket.billing.application.flag.OperatorFlag;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "operator_flag")
public class OperatorFlagEntity {

    @Id
    long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    OperatorFlag.Kind kind;

    @Column(nullable = false)
    String subject;

    @Column(name = "customer_id")
    String customerId;

    @Column(nullable = false)
    String detail;

    @Column(name = "raised_at", nullable = false)
    OffsetDateTime raisedAt;

    @Column(name = "resolved_at")
    OffsetDateTime resolvedAt;

    @Column(name = "resolved_by")
    String resolvedBy;

    protected OperatorFlagEntity() {
    }
}
