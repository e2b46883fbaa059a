package com.agentmarket.billing.adapter.out.persistence.invoice;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
class JpaInvoiceRepository implements InvoiceRepository {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaInvoiceRepository() {
    }

    /** For tests outside the container. */
    JpaInvoiceRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void record(CustomerId owner, InvoiceSnapshot invoice) {
        InvoiceEntity entity = em.find(InvoiceEntity.class, invoice.id());
        if (entity == null) {
            entity = new InvoiceEntity(invoice.id());
            copy(owner, invoice, entity);
            em.persist(entity);
        } else {
            copy(owner, invoice, entity);
        }
        em.flush();
    }

    private static void copy(CustomerId owner, InvoiceSnapshot invoice, InvoiceEntity entity) {
        entity.customerId = owner.value();
        entity.subscriptionId = invoice.subscription().map(StripeSubscriptionId::value).orElse(null);
        entity.status = invoice.status();
        entity.amountDue = invoice.amountDue().minorUnits();
        entity.amountPaid = invoice.amountPaid().minorUnits();
        entity.currency = invoice.amountDue().currency();
        entity.attemptCount = invoice.attemptCount();
        entity.stripeCreated = toColumn(invoice.created());
        entity.paidAt = toColumn(invoice.paidAt().orElse(null));
        entity.hostedUrl = invoice.hostedInvoiceUrl().orElse(null);
    }

    @Override
    public java.util.List<String> idsOf(CustomerId owner) {
        return em.createQuery("select i.id from InvoiceEntity i where i.customerId = :owner", String.class)
                .setParameter("owner", owner.value())
                .getResultList();
    }

    @Override
    public Optional<Suspension.InvoiceRef> latestPaid(StripeSubscriptionId subscription) {
        return em.createQuery("select i from InvoiceEntity i where i.subscriptionId = :subscription and i.status = 'paid' "
                        + "order by i.stripeCreated desc", InvoiceEntity.class)
                .setParameter("subscription", subscription.value())
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(paid -> new Suspension.InvoiceRef(paid.id, subscription, fromColumn(paid.stripeCreated)));
    }
}
