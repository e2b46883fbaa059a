package com.agentmarket.billing.adapter.out.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Instants are stored as {@code timestamp with time zone}, in UTC. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromColumn(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** A timestamp from a native query's row, whichever type the driver chose (PostgreSQL and H2 differ); SQL null is empty. */
    public static Optional<Instant> fromNative(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof OffsetDateTime offset) {
            return Optional.of(offset.toInstant());
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return Optional.of(timestamp.toInstant());
        }
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (value instanceof LocalDateTime local) {
            return Optional.of(local.toInstant(ZoneOffset.UTC));
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    /** A count or sum from a native query's row; SQL null (a sum over no rows) is 0. */
    public static long countFromNative(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
