package com.agentmarket.billing.application.admin.port.in;

import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.application.usage.port.in.UsageView;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.domain.customer.Customer;
import java.util.List;

/**
 * What an operator sees of one customer: the account, the subscription, usage in the period, recent Stripe events,
 * and what the service flagged about the customer.
 */
public record CustomerDetail(Customer customer, SubscriptionView subscription, UsageView usage,
        List<InboxEvent> recentWebhookEvents, List<OperatorFlag> flags) {

    public CustomerDetail {
        recentWebhookEvents = List.copyOf(recentWebhookEvents);
        flags = List.copyOf(flags);
    }
}
