package com.agentmarket.billing.adapter.out.persistence.invoice;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.adapter.out.persistence.StoreFailures;
import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.RecordedInvoice;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
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
    public void record(CustomerId owner, InvoiceSnapshot invoice, Instant observedAt, Optional<RecordedInvoice> replacing) {
        try {
            InvoiceEntity entity = em.find(InvoiceEntity.class, invoice.id());
            long stored = entity == null ? 0 : entity.version;
            if (stored != replacing.map(RecordedInvoice::version).orElse(0L)) {
                throw new ConcurrentUpdateException("invoice " + invoice.id() + " was recorded by another writer", null);
            }
            if (entity == null) {
                entity = new InvoiceEntity(invoice.id());
                copy(owner, invoice, observedAt, entity);
                em.persist(entity);
            } else {
                copy(owner, invoice, observedAt, entity);
            }
            em.flush();
        } catch (PersistenceException failure) {
            throw StoreFailures.translate(failure, "invoice " + invoice.id());
        }
    }

    private static void copy(CustomerId owner, InvoiceSnapshot invoice, Instant observedAt, InvoiceEntity entity) {
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
        entity.observedAt = toColumn(observedAt);
    }

    @Override
    public Optional<RecordedInvoice> find(String invoiceId) {
        return Optional.ofNullable(em.find(InvoiceEntity.class, invoiceId)).map(JpaInvoiceRepository::toRecorded);
    }

    @Override
    public List<RecordedInvoice> ofCustomer(CustomerId owner) {
        return em.createQuery("select i from InvoiceEntity i where i.customerId = :owner order by i.stripeCreated desc",
                        InvoiceEntity.class)
                .setParameter("owner", owner.value())
                .getResultStream()
                .map(JpaInvoiceRepository::toRecorded)
                .toList();
    }

    private static RecordedInvoice toRecorded(InvoiceEntity entity) {
        return new RecordedInvoice(entity.id, Optional.ofNullable(entity.subscriptionId).map(StripeSubscriptionId::new),
                entity.status, fromColumn(entity.stripeCreated), fromColumn(entity.observedAt), entity.version);
    }
}
