package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.out.CheckoutRequest;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.CreditNote;
import com.agentmarket.billing.application.payment.port.out.HostedCheckout;
import com.agentmarket.billing.application.payment.port.out.InvoicePreviewRequest;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.stripe.StripeClient;
import com.stripe.model.Invoice;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CreditNoteCreateParams;
import com.stripe.param.CreditNoteListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleReleaseParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.common.EmptyParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link PaymentGateway} through stripe-java's instance client. */
@ApplicationScoped
class StripePaymentGateway implements PaymentGateway {

    private static final long PAYMENT_METHODS_PAGE = 100;
    private static final long OPEN_SESSIONS_PAGE = 100;
    private static final long CREDIT_NOTES_PAGE = 100;

    private final StripeCalls calls;
    private final StripeSettings settings;

    @Inject
    StripePaymentGateway(Optional<StripeClient> client, StripeSettings settings, StripeCallMetrics metrics) {
        this.calls = new StripeCalls(client, metrics);
        this.settings = settings;
    }

    /** For CDI's client proxy. */
    protected StripePaymentGateway() {
        this(Optional.empty(), null, null);
    }

    @Override
    public GatewayMode mode() {
        return switch (settings.keyMode()) {
            case LIVE -> GatewayMode.LIVE;
            case TEST -> GatewayMode.TEST;
            case NONE -> GatewayMode.NOT_CONFIGURED;
        };
    }

    /** One request to Stripe, timed, its failure translated and counted ({@link StripeCalls}). */
    private <T> T stripe(String operation, StripeCalls.StripeCall<T> call) {
        return calls.call(operation, call);
    }

    /** A read of something that may not exist: Stripe's "no such ..." is an empty answer, not a failure. */
    private <T> Optional<T> find(String operation, StripeCalls.StripeCall<T> call) {
        try {
            return Optional.of(stripe(operation, call));
        } catch (PaymentGatewayException.Rejected rejected) {
            if (rejected.kind() == PaymentGatewayException.Rejected.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw rejected;
        }
    }

    private static RequestOptions idempotent(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    @Override
    public StripeCustomerId createCustomer(CustomerId customer, Optional<Email> email, String idempotencyKey) {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .putMetadata(StripeTranslation.CUSTOMER_ID_METADATA, customer.value());
        email.ifPresent(address -> params.setEmail(address.value()));
        return new StripeCustomerId(stripe("create customer",
                stripe -> stripe.v1().customers().create(params.build(), idempotent(idempotencyKey))).getId());
    }

    /** Stripe's search query language: a value in single quotes, with quotes and backslashes escaped. */
    @Override
    public Optional<StripeCustomerId> findCustomer(CustomerId customer) {
        String quoted = "'" + customer.value().replace("\\", "\\\\").replace("'", "\\'") + "'";
        CustomerSearchParams params = CustomerSearchParams.builder()
                .setQuery("metadata['" + StripeTranslation.CUSTOMER_ID_METADATA + "']:" + quoted).setLimit(10L).build();
        return stripe("search customers", stripe -> stripe.v1().customers().search(params)).getData().stream()
                .min(java.util.Comparator.comparing((com.stripe.model.Customer found) ->
                        Objects.requireNonNullElse(found.getCreated(), 0L)).thenComparing(com.stripe.model.Customer::getId))
                .map(found -> new StripeCustomerId(found.getId()));
    }

    @Override
    public HostedCheckout createCheckoutSession(CheckoutRequest request, String idempotencyKey) {
        String ours = request.customer().value();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(request.stripeCustomer().value())
                .setClientReferenceId(ours)
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(request.price().value()).setQuantity(1L).build())
                .putMetadata(StripeTranslation.CUSTOMER_ID_METADATA, ours);
        SessionCreateParams.SubscriptionData.Builder subscription = SessionCreateParams.SubscriptionData.builder()
                .putMetadata(StripeTranslation.CUSTOMER_ID_METADATA, ours);
        request.trialDays().ifPresent(days -> subscription.setTrialPeriodDays((long) days));
        params.setSubscriptionData(subscription.build());
        if (request.allowPromotionCodes()) {
            params.setAllowPromotionCodes(true);
        }
        if (request.automaticTax()) {
            // Stripe Tax needs the customer's address: collected on the page and kept on the Stripe customer.
            params.setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build())
                    .setBillingAddressCollection(SessionCreateParams.BillingAddressCollection.REQUIRED)
                    .setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build())
                    .setCustomerUpdate(SessionCreateParams.CustomerUpdate.builder()
                            .setAddress(SessionCreateParams.CustomerUpdate.Address.AUTO)
                            .setName(SessionCreateParams.CustomerUpdate.Name.AUTO).build());
        }
        request.meteredPrice().ifPresent(metered ->
                params.addLineItem(SessionCreateParams.LineItem.builder().setPrice(metered.value()).build()));
        Session session = stripe("create checkout session",
                stripe -> stripe.v1().checkout().sessions().create(params.build(), idempotent(idempotencyKey)));
        return new HostedCheckout(session.getId(), session.getUrl());
    }

    @Override
    public Money previewInvoice(InvoicePreviewRequest request) {
        InvoiceCreatePreviewParams params = InvoiceCreatePreviewParams.builder()
                .setCustomer(request.customer().value())
                .setSubscription(request.subscription().value())
                .setSubscriptionDetails(InvoiceCreatePreviewParams.SubscriptionDetails.builder()
                        .addItem(InvoiceCreatePreviewParams.SubscriptionDetails.Item.builder()
                                .setId(request.item().value()).setPrice(request.price().value()).build())
                        .setProrationBehavior(request.prorateNow()
                                ? InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior.ALWAYS_INVOICE
                                : InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior.NONE)
                        .build())
                .setAutomaticTax(request.automaticTax()
                        ? InvoiceCreatePreviewParams.AutomaticTax.builder().setEnabled(true).build() : null)
                .build();
        Invoice preview = stripe("preview invoice", stripe -> stripe.v1().invoices().createPreview(params));
        return Money.of(preview.getAmountDue() == null ? 0 : preview.getAmountDue(),
                Objects.requireNonNullElse(preview.getCurrency(), "usd"));
    }

    @Override
    public Optional<CheckoutSessionSnapshot> checkoutSession(String sessionId) {
        return find("retrieve checkout session", stripe -> stripe.v1().checkout().sessions().retrieve(sessionId))
                .map(StripeTranslation::checkoutSession);
    }

    @Override
    public Optional<SubscriptionSnapshot> subscription(StripeSubscriptionId id) {
        return find("retrieve subscription", stripe -> stripe.v1().subscriptions().retrieve(id.value()))
                .map(this::withSchedule);
    }

    /**
     * The subscription in our terms, with the schedule that manages it read as well when Stripe only names it (a
     * schedule changes rarely; reading it only then keeps every other read one call).
     */
    private SubscriptionSnapshot withSchedule(com.stripe.model.Subscription subscription) {
        Optional<SubscriptionSchedule> schedule = Optional.ofNullable(subscription.getScheduleObject())
                .or(() -> Optional.ofNullable(subscription.getSchedule()).flatMap(id -> find("retrieve subscription schedule",
                        stripe -> stripe.v1().subscriptionSchedules().retrieve(id))));
        return StripeTranslation.subscription(subscription, schedule);
    }

    @Override
    public SubscriptionSnapshot changePriceNow(StripeSubscriptionId id, SubscriptionItemId item, PriceId price,
            String idempotencyKey) {
        // Stripe Tax is not among the parameters a pending update takes; a subscription bought with it keeps it.
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item.value()).setPrice(price.value()).build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE)
                .setPaymentBehavior(SubscriptionUpdateParams.PaymentBehavior.PENDING_IF_INCOMPLETE)
                .build();
        return update(id, params, idempotencyKey);
    }

    @Override
    public String scheduleFromSubscription(StripeSubscriptionId id, String idempotencyKey) {
        SubscriptionScheduleCreateParams params = SubscriptionScheduleCreateParams.builder()
                .setFromSubscription(id.value()).build();
        return stripe("create subscription schedule",
                stripe -> stripe.v1().subscriptionSchedules().create(params, idempotent(idempotencyKey))).getId();
    }

    /**
     * Stripe replaces a schedule's phases whole: what is not sent again for the current phase is dropped from it. So
     * the current phase is read first and its trial, discounts and tax are sent back as they are; the discounts carry
     * on into the new phase (a discount object keeps its own remaining duration), and so does Stripe Tax.
     */
    @Override
    public void schedulePlanChange(PlanChangeSchedule phases, String idempotencyKey) {
        SubscriptionSchedule schedule = stripe("retrieve subscription schedule",
                stripe -> stripe.v1().subscriptionSchedules().retrieve(phases.scheduleId()));
        Optional<SubscriptionSchedule.Phase> running = currentPhase(schedule);
        List<SubscriptionScheduleUpdateParams.Phase.Discount> discounts = running.map(SubscriptionSchedule.Phase::getDiscounts)
                .orElse(List.of()).stream().map(StripePaymentGateway::keptDiscount).flatMap(Optional::stream).toList();
        boolean taxed = phases.automaticTax() || running.map(SubscriptionSchedule.Phase::getAutomaticTax)
                .map(tax -> Boolean.TRUE.equals(tax.getEnabled())).orElse(false);

        SubscriptionScheduleUpdateParams.Phase.Builder current = SubscriptionScheduleUpdateParams.Phase.builder()
                .setStartDate(phases.currentPhase().start().getEpochSecond())
                .setEndDate(phases.currentPhase().end().getEpochSecond());
        phases.currentPrices().forEach(price -> current.addItem(phaseItem(price, phases.meteredPrice())));
        running.map(SubscriptionSchedule.Phase::getTrialEnd).ifPresent(current::setTrialEnd);
        discounts.forEach(current::addDiscount);
        running.map(SubscriptionSchedule.Phase::getAutomaticTax).filter(tax -> tax.getEnabled() != null)
                .ifPresent(tax -> current.setAutomaticTax(SubscriptionScheduleUpdateParams.Phase.AutomaticTax.builder()
                        .setEnabled(tax.getEnabled()).build()));

        SubscriptionScheduleUpdateParams.Phase.Builder next = SubscriptionScheduleUpdateParams.Phase.builder()
                .setDuration(SubscriptionScheduleUpdateParams.Phase.Duration.builder()
                        .setInterval(SubscriptionScheduleUpdateParams.Phase.Duration.Interval.MONTH)
                        .setIntervalCount(1L).build());
        phases.nextPrices().forEach(price -> next.addItem(phaseItem(price, phases.meteredPrice())));
        discounts.forEach(next::addDiscount);
        if (taxed) {
            next.setAutomaticTax(SubscriptionScheduleUpdateParams.Phase.AutomaticTax.builder().setEnabled(true).build());
        }
        SubscriptionScheduleUpdateParams params = SubscriptionScheduleUpdateParams.builder()
                .addPhase(current.build()).addPhase(next.build())
                .setEndBehavior(SubscriptionScheduleUpdateParams.EndBehavior.RELEASE)
                .setProrationBehavior(SubscriptionScheduleUpdateParams.ProrationBehavior.NONE)
                .build();
        stripe("update subscription schedule", stripe -> stripe.v1().subscriptionSchedules()
                .update(phases.scheduleId(), params, idempotent(idempotencyKey)));
    }

    /** The phase the schedule is in now: the one starting when its current phase does. */
    private static Optional<SubscriptionSchedule.Phase> currentPhase(SubscriptionSchedule schedule) {
        if (schedule.getCurrentPhase() == null || schedule.getPhases() == null) {
            return Optional.empty();
        }
        return schedule.getPhases().stream()
                .filter(phase -> Objects.equals(phase.getStartDate(), schedule.getCurrentPhase().getStartDate())).findFirst();
    }

    /** A discount of the current phase, sent again: the discount object itself when there is one. */
    private static Optional<SubscriptionScheduleUpdateParams.Phase.Discount> keptDiscount(
            SubscriptionSchedule.Phase.Discount discount) {
        SubscriptionScheduleUpdateParams.Phase.Discount.Builder kept = SubscriptionScheduleUpdateParams.Phase.Discount.builder();
        if (discount.getDiscount() != null) {
            return Optional.of(kept.setDiscount(discount.getDiscount()).build());
        }
        if (discount.getPromotionCode() != null) {
            return Optional.of(kept.setPromotionCode(discount.getPromotionCode()).build());
        }
        return Optional.ofNullable(discount.getCoupon()).map(coupon -> kept.setCoupon(coupon).build());
    }

    @Override
    public SubscriptionSnapshot enableAutomaticTax(StripeSubscriptionId id, String idempotencyKey) {
        return update(id, SubscriptionUpdateParams.builder()
                .setAutomaticTax(SubscriptionUpdateParams.AutomaticTax.builder().setEnabled(true).build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
                .build(), idempotencyKey);
    }

    /** A metered price takes no quantity; a tier's is one. */
    private static SubscriptionScheduleUpdateParams.Phase.Item phaseItem(PriceId price, Optional<PriceId> metered) {
        SubscriptionScheduleUpdateParams.Phase.Item.Builder item = SubscriptionScheduleUpdateParams.Phase.Item.builder()
                .setPrice(price.value());
        if (!metered.equals(Optional.of(price))) {
            item.setQuantity(1L);
        }
        return item.build();
    }

    @Override
    public void releaseSchedule(String scheduleId, String idempotencyKey) {
        stripe("release subscription schedule", stripe -> stripe.v1().subscriptionSchedules()
                .release(scheduleId, SubscriptionScheduleReleaseParams.builder().build(), idempotent(idempotencyKey)));
    }

    @Override
    public Optional<StripeSubscriptionId> subscriptionOfSchedule(String scheduleId) {
        return find("retrieve subscription schedule", stripe -> stripe.v1().subscriptionSchedules().retrieve(scheduleId))
                .flatMap(schedule -> Optional.ofNullable(schedule.getSubscription())
                        .or(() -> Optional.ofNullable(schedule.getReleasedSubscription())))
                .map(StripeSubscriptionId::new);
    }

    @Override
    public List<CheckoutSessionSnapshot> openCheckoutSessions(StripeCustomerId customer) {
        SessionListParams params = SessionListParams.builder().setCustomer(customer.value())
                .setStatus(SessionListParams.Status.OPEN).setLimit(OPEN_SESSIONS_PAGE).build();
        return stripe("list checkout sessions", stripe -> stripe.v1().checkout().sessions().list(params)).getData().stream()
                .map(StripeTranslation::checkoutSession).toList();
    }

    @Override
    public CheckoutSessionSnapshot expireCheckoutSession(String sessionId, String idempotencyKey) {
        return StripeTranslation.checkoutSession(stripe("expire checkout session",
                stripe -> stripe.v1().checkout().sessions().expire(sessionId, idempotent(idempotencyKey))));
    }

    @Override
    public SubscriptionSnapshot scheduleCancellation(StripeSubscriptionId id, String idempotencyKey) {
        return update(id, SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build(), idempotencyKey);
    }

    /** One parameter each: {@code cancel_at=""} clears a date, {@code cancel_at_period_end=false} the period's end. */
    @Override
    public SubscriptionSnapshot undoScheduledCancellation(StripeSubscriptionId id, boolean byDate, String idempotencyKey) {
        SubscriptionUpdateParams params = byDate ? SubscriptionUpdateParams.builder().setCancelAt(EmptyParam.EMPTY).build()
                : SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false).build();
        return update(id, params, idempotencyKey);
    }

    private SubscriptionSnapshot update(StripeSubscriptionId id, SubscriptionUpdateParams params, String idempotencyKey) {
        return withSchedule(stripe("update subscription",
                stripe -> stripe.v1().subscriptions().update(id.value(), params, idempotent(idempotencyKey))));
    }

    @Override
    public SubscriptionSnapshot cancelNow(StripeSubscriptionId id, String idempotencyKey) {
        SubscriptionCancelParams params = SubscriptionCancelParams.builder().setProrate(false).setInvoiceNow(false).build();
        return withSchedule(stripe("cancel subscription",
                stripe -> stripe.v1().subscriptions().cancel(id.value(), params, idempotent(idempotencyKey))));
    }

    @Override
    public String refund(String invoiceId, Money amount, String reason, String idempotencyKey) {
        CreditNoteCreateParams params = CreditNoteCreateParams.builder()
                .setInvoice(invoiceId)
                .setAmount(amount.minorUnits())
                .setRefundAmount(amount.minorUnits())
                .setReason(CreditNoteCreateParams.Reason.valueOf(reason.toUpperCase(java.util.Locale.ROOT)))
                .putMetadata(StripeTranslation.ACTION_METADATA, idempotencyKey)
                .build();
        return stripe("create credit note",
                stripe -> stripe.v1().creditNotes().create(params, idempotent(idempotencyKey))).getId();
    }

    @Override
    public SubscriptionSnapshot resumePaused(StripeSubscriptionId id, String idempotencyKey) {
        SubscriptionResumeParams params = SubscriptionResumeParams.builder()
                .setBillingCycleAnchor(SubscriptionResumeParams.BillingCycleAnchor.UNCHANGED).build();
        return withSchedule(stripe("resume subscription",
                stripe -> stripe.v1().subscriptions().resume(id.value(), params, idempotent(idempotencyKey))));
    }

    @Override
    public List<CreditNote> creditNotes(String invoiceId) {
        CreditNoteListParams params = CreditNoteListParams.builder().setInvoice(invoiceId).setLimit(CREDIT_NOTES_PAGE).build();
        return stripe("list credit notes", stripe -> stripe.v1().creditNotes().list(params)).getData().stream()
                .map(StripeTranslation::creditNote).toList();
    }

    @Override
    public List<PaymentMethodSummary> paymentMethods(StripeCustomerId customer) {
        CustomerPaymentMethodListParams params = CustomerPaymentMethodListParams.builder().setLimit(PAYMENT_METHODS_PAGE).build();
        return stripe("list payment methods",
                stripe -> stripe.v1().customers().paymentMethods().list(customer.value(), params)).getData().stream()
                .map(StripeTranslation::paymentMethod).toList();
    }

    @Override
    public List<InvoiceSummary> invoices(StripeCustomerId customer, int limit) {
        InvoiceListParams params = InvoiceListParams.builder().setCustomer(customer.value()).setLimit((long) limit).build();
        return stripe("list invoices", stripe -> stripe.v1().invoices().list(params)).getData().stream()
                .map(StripeTranslation::invoice).toList();
    }

    @Override
    public String createPortalSession(StripeCustomerId customer, String returnUrl, String idempotencyKey) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customer.value()).setReturnUrl(returnUrl).build();
        return stripe("create portal session",
                stripe -> stripe.v1().billingPortal().sessions().create(params, idempotent(idempotencyKey))).getUrl();
    }

    @Override
    public Optional<InvoiceSnapshot> invoice(String invoiceId) {
        return find("retrieve invoice", stripe -> stripe.v1().invoices().retrieve(invoiceId))
                .map(StripeTranslation::invoiceSnapshot);
    }

    @Override
    public Optional<PriceDescription> price(PriceId price) {
        return find("retrieve price", stripe -> stripe.v1().prices().retrieve(price.value())).map(StripeTranslation::price);
    }
}
