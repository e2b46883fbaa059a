package com.agentmarket.billing.adapter.out.persistence.execution;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;

import com.agentmarket.billing.adapter.out.persistence.subscription.SubscriptionMapper;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.EntitlementFacts;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the entitlement rule needs for several customers, in one query: suspension and the current subscription. */
final class EntitlementFactsQuery {

    private static final String FACTS = "select c.id, c.suspension_reason, s.id, s.status, s.plan_id, "
            + "s.current_period_start, s.current_period_end, s.cancel_at_period_end, s.cancel_at, s.customer_id, s.version, "
            + "s.items, s.stripe_created, s.observed_at "
            + "from customer c left join subscription s on s.id = c.stripe_subscription_id where c.id = any(?)";

    private EntitlementFactsQuery() {
    }

    /** The facts of each stored customer among {@code customers}; a customer never stored is absent. */
    static Map<String, EntitlementFacts> read(Connection connection, List<String> customers) throws SQLException {
        Map<String, EntitlementFacts> facts = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(FACTS)) {
            query.setArray(1, connection.createArrayOf("varchar", customers.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    boolean suspended = row.getString(2) != null;
                    Optional<Subscription> subscription = row.getString(3) == null ? Optional.empty()
                            : Optional.of(Subscription.reconstitute(new StripeSubscriptionId(row.getString(3)),
                                    new CustomerId(row.getString(10)), PlanId.valueOf(row.getString(5)),
                                    SubscriptionStatus.valueOf(row.getString(4)),
                                    new BillingPeriod(fromColumn(row.getObject(6, OffsetDateTime.class)), fromColumn(row.getObject(7, OffsetDateTime.class))), row.getBoolean(8),
                                    Optional.ofNullable(row.getObject(9, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                                    SubscriptionMapper.itemsFromColumn(row.getString(12)), fromColumn(row.getObject(13, OffsetDateTime.class)), fromColumn(row.getObject(14, OffsetDateTime.class)),
                                    row.getLong(11)));
                    facts.put(row.getString(1), new EntitlementFacts(suspended, subscription));
                }
            }
        }
        return facts;
    }
}
