package com.agentmarket.billing.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.Collections;
import java.util.List;

/** Native SQL with positional parameters, for the adapters whose statements JPQL cannot say (locks, upserts). */
public final class NativeSql {

    private NativeSql() {
    }

    /** The statement with {@code parameters} bound to its {@code ?}s in order. */
    public static Query sql(EntityManager em, String statement, Object... parameters) {
        Query query = em.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    /** The rows the query answers, each as its columns. */
    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(EntityManager em, String statement, Object... parameters) {
        return sql(em, statement, parameters).getResultList();
    }

    /** {@code count} comma-separated {@code ?}s, for an {@code in (...)} list. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
