package com.agentmarket.billing.adapter.in.rest.payment;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.MoneyJson;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.in.ListInvoices;
import com.agentmarket.billing.application.payment.port.in.ListPaymentMethods;
import com.agentmarket.billing.application.payment.port.in.OpenCustomerPortal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's Stripe account: saved payment methods, invoices, and the customer portal. */
@Path("/billing")
@ApplicationScoped
@Tag(name = "Payments", description = "Payment methods, invoices and the Stripe customer portal")
@SecurityRequirement(name = "bearer")
public class PaymentAccountResource {

    private final ListPaymentMethods listPaymentMethods;
    private final ListInvoices listInvoices;
    private final OpenCustomerPortal openCustomerPortal;
    private final Caller caller;

    @Inject
    public PaymentAccountResource(ListPaymentMethods listPaymentMethods, ListInvoices listInvoices,
            OpenCustomerPortal openCustomerPortal, Caller caller) {
        this.listPaymentMethods = listPaymentMethods;
        this.listInvoices = listInvoices;
        this.openCustomerPortal = openCustomerPortal;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected PaymentAccountResource() {
        this(null, null, null, null);
    }

    /** The guide's payment method shape; the card fields are null for other types. */
    @JsonbPropertyOrder({"id", "type", "cardBrand", "cardLast4", "cardExpMonth", "cardExpYear"})
    public record PaymentMethodJson(String id, String type, String cardBrand, String cardLast4, Integer cardExpMonth,
            Integer cardExpYear) {

        static PaymentMethodJson of(PaymentMethodSummary method) {
            return method.card()
                    .map(card -> new PaymentMethodJson(method.id(), method.type(), card.brand(), card.last4(),
                            card.expMonth(), card.expYear()))
                    .orElseGet(() -> new PaymentMethodJson(method.id(), method.type(), null, null, null, null));
        }
    }

    /** The guide's invoice shape, plus its tax and total: amounts in major units, {@code created} in unix seconds. */
    @JsonbPropertyOrder({"id", "amountDue", "amountPaid", "status", "created", "invoicePdf", "tax", "total"})
    public record InvoiceJson(String id, BigDecimal amountDue, BigDecimal amountPaid, String status, long created,
            String invoicePdf, BigDecimal tax, BigDecimal total) {

        static InvoiceJson of(InvoiceSummary invoice) {
            return new InvoiceJson(invoice.id(), MoneyJson.major(invoice.amountDue()), MoneyJson.major(invoice.amountPaid()),
                    invoice.status(), invoice.created().getEpochSecond(), invoice.invoicePdf().orElse(null),
                    MoneyJson.major(invoice.tax()), MoneyJson.major(invoice.total()));
        }
    }

    @JsonbPropertyOrder({"url"})
    public record PortalJson(String url) {
    }

    @GET
    @Path("/payment-methods")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List my payment methods", description = "Empty before the first checkout.")
    @APIResponse(responseCode = "200", description = "The payment methods", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = PaymentMethodJson.class)))
    @APIResponse(responseCode = "503", description = "stripe-unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<PaymentMethodJson> paymentMethods() {
        return listPaymentMethods.paymentMethods(caller.customerId()).stream().map(PaymentMethodJson::of).toList();
    }

    @GET
    @Path("/invoices")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List my invoices", description = "Newest first; empty before the first checkout.")
    @APIResponse(responseCode = "200", description = "The invoices", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = InvoiceJson.class)))
    @APIResponse(responseCode = "400", description = "limit out of range", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "stripe-unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<InvoiceJson> invoices(
            @Parameter(description = "How many, 1 to 100", schema = @Schema(minimum = "1", maximum = "100", defaultValue = "10"))
            @QueryParam("limit") @DefaultValue("10") String limit) {
        int parsed;
        try {
            parsed = Integer.parseInt(limit.trim());
        } catch (NumberFormatException notANumber) {
            throw RequestContext.badParameter("limit", "a whole number from 1 to " + ListInvoices.MAX_LIMIT);
        }
        if (parsed < 1 || parsed > ListInvoices.MAX_LIMIT) {
            throw RequestContext.badParameter("limit", "a whole number from 1 to " + ListInvoices.MAX_LIMIT);
        }
        return listInvoices.invoices(caller.customerId(), parsed).stream().map(InvoiceJson::of).toList();
    }

    @GET
    @Path("/portal")
    @RolesAllowed(Groups.CUSTOMER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open the customer portal",
            description = "A Stripe Customer Portal session (update payment method, cancel, view invoices) returning to "
                    + "`return_url`, which must be on an allowed origin.")
    @APIResponse(responseCode = "200", description = "Where to send the browser",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PortalJson.class)))
    @APIResponse(responseCode = "400", description = "redirect-not-allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No billing account yet", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "stripe-unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PortalJson portal(@QueryParam("return_url") String returnUrl) {
        return new PortalJson(openCustomerPortal.portalUrl(caller.customerId(), returnUrl));
    }
}
