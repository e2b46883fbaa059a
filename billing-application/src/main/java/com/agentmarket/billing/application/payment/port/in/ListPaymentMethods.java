package com.agentmarket.billing.application.payment.port.in;

import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.util.List;

/** The caller's saved payment methods in Stripe; none before the first checkout. */
public interface ListPaymentMethods {

    List<PaymentMethodSummary> paymentMethods(CustomerId caller);
}
