package com.agentmarket.billing.application.plan.port.in;

import com.agentmarket.billing.domain.plan.Plan;
import java.util.List;

/** The tiers on sale, cheapest first. Public: no caller needed. */
public interface ListPlans {

    List<Plan> plans();
}
