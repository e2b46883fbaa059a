package com.agentmarket.billing.adapter.out.persistence.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** Executions counted for one customer in one billing period. */
@Entity
@Table(name = "usage_counter")
@IdClass(UsageCounterEntity.Key.class)
public class UsageCounterEntity {

    @Id
    @Column(name = "customer_id")
    String customerId;

    @Id
    @Column(name = "period_start")
    OffsetDateTime periodStart;

    @Column(name = "period_end", nullable = false)
    OffsetDateTime periodEnd;

    @Column(nullable = false)
    long used;

    protected UsageCounterEntity() {
    }

    /** The composite key: customer and period start. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        String customerId;
        OffsetDateTime periodStart;

        public Key() {
        }

        Key(String customerId, OffsetDateTime periodStart) {
            this.customerId = customerId;
            this.periodStart = periodStart;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && customerId.equals(that.customerId)
                    && periodStart.toInstant().equals(that.periodStart.toInstant());
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, periodStart.toInstant());
        }
    }
}
