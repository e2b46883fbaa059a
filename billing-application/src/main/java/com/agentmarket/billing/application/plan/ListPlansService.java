package com.agentmarket.billing.application.plan;

import com.agentmarket.billing.application.plan.port.in.ListPlans;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

@ApplicationScoped
class ListPlansService implements ListPlans {

    private final PlanCatalog catalog;

    @Inject
    ListPlansService(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    /** For CDI's client proxy. */
    protected ListPlansService() {
        this.catalog = null;
    }

    @Override
    public List<Plan> plans() {
        return catalog.all();
    }
}
