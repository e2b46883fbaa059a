package com.agentmarket.billing.adapter.out.persistence.subscription;

import com.agentmarket.billing.adapter.out.persistence.StoreFailures;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Optional;

@ApplicationScoped
class JpaSubscriptionRepository implements SubscriptionRepository {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaSubscriptionRepository() {
    }

    /** For tests outside the container. */
    JpaSubscriptionRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Subscription> find(StripeSubscriptionId id) {
        return Optional.ofNullable(em.find(SubscriptionEntity.class, id.value())).map(SubscriptionMapper::toDomain);
    }

    @Override
    public java.util.List<Subscription> ofCustomer(com.agentmarket.billing.domain.customer.CustomerId customer) {
        return em.createQuery("select s from SubscriptionEntity s where s.customerId = :customer "
                        + "order by s.currentPeriodStart desc", SubscriptionEntity.class)
                .setParameter("customer", customer.value())
                .getResultStream()
                .map(SubscriptionMapper::toDomain)
                .toList();
    }

    /** Items are stored comma-separated; the candidates are checked exactly, as {@code _} is a wildcard in LIKE. */
    @Override
    public Optional<Subscription> findByItem(SubscriptionItemId item) {
        return em.createQuery("select s from SubscriptionEntity s where s.items like :pattern", SubscriptionEntity.class)
                .setParameter("pattern", "%" + item.value() + "%")
                .getResultStream()
                .map(SubscriptionMapper::toDomain)
                .filter(subscription -> subscription.hasItem(item))
                .findFirst();
    }

    @Override
    public Subscription save(Subscription subscription) {
        try {
            SubscriptionEntity entity = em.find(SubscriptionEntity.class, subscription.id().value());
            if (entity == null) {
                if (subscription.version() != 0) {
                    throw new ConcurrentUpdateException("subscription " + subscription.id() + " is no longer stored", null);
                }
                entity = new SubscriptionEntity(subscription.id().value(), subscription.customerId().value());
                SubscriptionMapper.copy(subscription, entity);
                em.persist(entity);
            } else {
                if (entity.version != subscription.version()) {
                    throw new ConcurrentUpdateException("subscription " + subscription.id() + " changed since it was read",
                            null);
                }
                SubscriptionMapper.copy(subscription, entity);
            }
            em.flush();
            return SubscriptionMapper.toDomain(entity);
        } catch (PersistenceException failure) {
            throw StoreFailures.translate(failure, "subscription " + subscription.id());
        }
    }
}
