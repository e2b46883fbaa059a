package com.agentmarket.billing.application.plan;

import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.plan.port.in.CheckPriceConfiguration;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PriceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class PriceConfigurationService implements CheckPriceConfiguration {

    private final PlanCatalog catalog;
    private final PaymentGateway gateway;
    private volatile Optional<Report> lastReport = Optional.empty();

    @Inject
    PriceConfigurationService(PlanCatalog catalog, PaymentGateway gateway) {
        this.catalog = catalog;
        this.gateway = gateway;
    }

    /** For CDI's client proxy. */
    protected PriceConfigurationService() {
        this(null, null);
    }

    @Override
    public Optional<Report> lastReport() {
        return lastReport;
    }

    @Override
    public Report check() {
        Report report = checkPrices();
        lastReport = Optional.of(report);
        return report;
    }

    private Report checkPrices() {
        if (gateway.mode() == GatewayMode.NOT_CONFIGURED) {
            return new Report(Status.NOT_CONFIGURED, List.of("STRIPE_SECRET_KEY is not set: no plan can be bought"),
                    gateway.mode());
        }
        List<String> problems = new ArrayList<>();
        try {
            for (Plan plan : catalog.all()) {
                plan.priceId().ifPresent(price -> problems.addAll(problemsOf(plan, price)));
            }
            catalog.overagePrice().ifPresent(price -> problems.addAll(overageProblems(price)));
        } catch (PaymentGatewayException.Unavailable unavailable) {
            return new Report(Status.STRIPE_UNAVAILABLE, List.of(unavailable.getMessage()), gateway.mode());
        }
        return new Report(problems.isEmpty() ? Status.MATCHES : Status.MISMATCH, problems, gateway.mode());
    }

    private List<String> problemsOf(Plan plan, PriceId price) {
        String name = "STRIPE_PRICE_" + plan.id().name() + " (" + price + ")";
        Optional<PriceDescription> found = gateway.price(price);
        if (found.isEmpty()) {
            return List.of(name + " does not exist in Stripe");
        }
        List<String> problems = new ArrayList<>();
        PriceDescription description = found.get();
        if (!description.unitAmount().equals(Optional.of(plan.monthlyPrice()))) {
            problems.add(name + " charges " + description.unitAmount().map(Object::toString).orElse("no flat amount")
                    + " but " + plan.name() + " costs " + plan.monthlyPrice());
        }
        if (!description.interval().equals(Optional.of(plan.interval()))) {
            problems.add(name + " recurs every " + description.interval().orElse("never (one-off)") + ", not every "
                    + plan.interval());
        }
        if (!description.active()) {
            problems.add(name + " is archived in Stripe");
        }
        return problems;
    }

    private List<String> overageProblems(PriceId price) {
        Optional<PriceDescription> found = gateway.price(price);
        if (found.isEmpty()) {
            return List.of("STRIPE_PRICE_METERED (" + price + ") does not exist in Stripe");
        }
        List<String> problems = new ArrayList<>();
        if (!found.get().interval().equals(Optional.of("month"))) {
            problems.add("STRIPE_PRICE_METERED (" + price + ") is not a monthly recurring price");
        }
        if (!found.get().active()) {
            problems.add("STRIPE_PRICE_METERED (" + price + ") is archived in Stripe");
        }
        return problems;
    }
}
