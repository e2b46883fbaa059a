package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.subscription.SubscriptionJson;
import com.agentmarket.billing.adapter.in.rest.usage.UsageResource;
import com.agentmarket.billing.application.admin.port.in.CustomerDetail;
import com.agentmarket.billing.application.admin.port.in.OperateCustomers;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/customers")
@ApplicationScoped
@RolesAllowed(Groups.ADMIN)
@Tag(name = "Admin: customers", description = "Find, inspect, suspend and reinstate customers; every change is audited")
@SecurityRequirement(name = "bearer")
public class CustomerAdminResource {

    private final OperateCustomers operate;
    private final Caller caller;

    @Inject
    public CustomerAdminResource(OperateCustomers operate, Caller caller) {
        this.operate = operate;
        this.caller = caller;
    }

    /** For CDI's client proxy. */
    protected CustomerAdminResource() {
        this(null, null);
    }

    /** A suspension; {@code since} in unix seconds. */
    @JsonbPropertyOrder({"reason", "since", "note", "failedInvoice"})
    public record SuspensionJson(String reason, long since, String note, String failedInvoice) {

        static SuspensionJson of(Suspension suspension) {
            return new SuspensionJson(suspension.reason().name().toLowerCase(Locale.ROOT), suspension.since().getEpochSecond(),
                    suspension.note().orElse(null), suspension.failedInvoice().map(Suspension.InvoiceRef::invoiceId).orElse(null));
        }
    }

    @JsonbPropertyOrder({"customerId", "email", "stripeCustomerId", "status", "suspension"})
    public record CustomerJson(String customerId, String email, String stripeCustomerId, String status,
            SuspensionJson suspension) {

        static CustomerJson of(Customer customer) {
            return new CustomerJson(customer.id().value(), customer.email().map(Email::value).orElse(null),
                    customer.stripeCustomerId().map(StripeCustomerId::value).orElse(null),
                    customer.status().name().toLowerCase(Locale.ROOT), customer.suspension().map(SuspensionJson::of).orElse(null));
        }
    }

    @JsonbPropertyOrder({"customer", "subscription", "usage", "recentWebhookEvents", "flags"})
    public record CustomerDetailJson(CustomerJson customer, SubscriptionJson subscription, UsageResource.UsageJson usage,
            List<WebhookEventAdminResource.WebhookEventJson> recentWebhookEvents, List<FlagAdminResource.FlagJson> flags) {

        static CustomerDetailJson of(CustomerDetail detail) {
            return new CustomerDetailJson(CustomerJson.of(detail.customer()), SubscriptionJson.of(detail.subscription()),
                    UsageResource.UsageJson.of(detail.usage()),
                    detail.recentWebhookEvents().stream().map(WebhookEventAdminResource.WebhookEventJson::of).toList(),
                    detail.flags().stream().map(FlagAdminResource.FlagJson::of).toList());
        }
    }

    public record SuspendRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find customers", description = "By our id or Stripe customer id (exact) or e-mail (contains); "
            + "all customers when `query` is empty.")
    @APIResponse(responseCode = "200", description = "A page of customers")
    @APIResponse(responseCode = "400", description = "page/size out of range", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PageJson<CustomerJson> find(@QueryParam("query") String query, @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        int[] bounds = PageJson.bounds(page, size);
        return PageJson.of(operate.find(query, bounds[0], bounds[1]), CustomerJson::of);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inspect a customer", description = "Account, subscription, usage in the period, recent Stripe events.")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CustomerDetailJson inspect(@PathParam("id") String id) {
        return CustomerDetailJson.of(operate.inspect(new CustomerId(id)));
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend a customer", description = "Executions are refused (402 account-suspended) until reinstated.")
    @APIResponse(responseCode = "200", description = "The customer, suspended")
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CustomerJson suspend(@PathParam("id") String id, @NotNull @Valid SuspendRequest request) {
        return CustomerJson.of(operate.suspend(caller.subject(), new CustomerId(id), request.reason()));
    }

    @POST
    @Path("/{id}/reinstate")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reinstate a customer", description = "Lifts any suspension, an operator's or a payment's.")
    @APIResponse(responseCode = "200", description = "The customer, active")
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CustomerJson reinstate(@PathParam("id") String id) {
        return CustomerJson.of(operate.reinstate(caller.subject(), new CustomerId(id)));
    }
}
