package com.agentmarket.billing.application.payment;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.in.ListInvoices;
import com.agentmarket.billing.application.payment.port.in.ListPaymentMethods;
import com.agentmarket.billing.application.payment.port.in.OpenCustomerPortal;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.ActionJournal;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.RedirectPolicy;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The caller's Stripe account: payment methods, invoices, and the way into Stripe's customer portal. */
@ApplicationScoped
class PaymentAccountService implements ListPaymentMethods, ListInvoices, OpenCustomerPortal {

    private final CustomerRepository customers;
    private final PaymentGateway gateway;
    private final RedirectPolicy redirects;
    private final ActionJournal journal;
    private final InTransaction tx;

    @Inject
    PaymentAccountService(CustomerRepository customers, PaymentGateway gateway, RedirectPolicy redirects,
            ActionJournal journal, InTransaction tx) {
        this.customers = customers;
        this.gateway = gateway;
        this.redirects = redirects;
        this.journal = journal;
        this.tx = tx;
    }

    /** For CDI's client proxy. */
    protected PaymentAccountService() {
        this(null, null, null, null, null);
    }

    @Override
    public List<PaymentMethodSummary> paymentMethods(CustomerId caller) {
        return stripeCustomerOf(caller).map(gateway::paymentMethods).orElse(List.of());
    }

    @Override
    public List<InvoiceSummary> invoices(CustomerId caller, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return stripeCustomerOf(caller).map(stripeCustomer -> gateway.invoices(stripeCustomer, limit)).orElse(List.of());
    }

    @Override
    public String portalUrl(CustomerId caller, String returnUrl) {
        String checkedReturnUrl = redirects.check("return_url", returnUrl, gateway.mode());
        StripeCustomerId stripeCustomer = stripeCustomerOf(caller).orElseThrow(() -> new BillingRejection(
                BillingRejection.Reason.NOT_FOUND, "You have no billing account yet; subscribe to a plan first."));
        BillingAction action = tx.call(() -> journal.begin(caller, BillingAction.Kind.PORTAL, Optional.empty(),
                Fingerprint.of(checkedReturnUrl)));
        String url = journal.call(action,
                () -> gateway.createPortalSession(stripeCustomer, checkedReturnUrl, action.idempotencyKey()));
        tx.call(() -> {
            journal.succeeded(action, Optional.empty(), Optional.of(url));
            return null;
        });
        return url;
    }

    private Optional<StripeCustomerId> stripeCustomerOf(CustomerId caller) {
        return tx.call(() -> customers.find(caller).flatMap(Customer::stripeCustomerId));
    }
}
