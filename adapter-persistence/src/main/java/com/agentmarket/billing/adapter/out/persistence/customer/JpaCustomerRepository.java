package com.agentmarket.billing.adapter.out.persistence.customer;

import com.agentmarket.billing.adapter.out.persistence.StoreFailures;
import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.Optional;

@ApplicationScoped
class JpaCustomerRepository implements CustomerRepository {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaCustomerRepository() {
    }

    /** For tests outside the container. */
    JpaCustomerRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        return Optional.ofNullable(em.find(CustomerEntity.class, id.value())).map(CustomerMapper::toDomain);
    }

    @Override
    public Optional<Customer> findByStripeCustomerId(StripeCustomerId stripeCustomerId) {
        return em.createQuery("select c from CustomerEntity c where c.stripeCustomerId = :stripeId", CustomerEntity.class)
                .setParameter("stripeId", stripeCustomerId.value())
                .getResultStream()
                .findFirst()
                .map(CustomerMapper::toDomain);
    }

    @Override
    public Page<Customer> search(String query, int page, int size) {
        String where = query.isBlank() ? "" : " where c.id = :exact or c.stripeCustomerId = :exact "
                + "or lower(c.email) like :contains escape '\\'";
        TypedQuery<CustomerEntity> found = em.createQuery("select c from CustomerEntity c" + where + " order by c.id",
                CustomerEntity.class);
        TypedQuery<Long> count = em.createQuery("select count(c) from CustomerEntity c" + where, Long.class);
        if (!query.isBlank()) {
            String contains = "%" + query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            for (TypedQuery<?> q : java.util.List.of(found, count)) {
                q.setParameter("exact", query);
                q.setParameter("contains", contains);
            }
        }
        return new Page<>(found.setFirstResult(page * size).setMaxResults(size).getResultStream()
                .map(CustomerMapper::toDomain).toList(), page, size, count.getSingleResult());
    }

    @Override
    public Customer save(Customer customer) {
        try {
            CustomerEntity entity = em.find(CustomerEntity.class, customer.id().value());
            if (entity == null) {
                if (customer.version() != 0) {
                    throw new ConcurrentUpdateException("customer " + customer.id() + " is no longer stored", null);
                }
                entity = new CustomerEntity(customer.id().value());
                CustomerMapper.copy(customer, entity);
                em.persist(entity);
            } else {
                if (entity.version != customer.version()) {
                    throw new ConcurrentUpdateException("customer " + customer.id() + " changed since it was read", null);
                }
                CustomerMapper.copy(customer, entity);
            }
            em.flush();
            return CustomerMapper.toDomain(entity);
        } catch (PersistenceException failure) {
            throw StoreFailures.translate(failure, "customer " + customer.id());
        }
    }
}
