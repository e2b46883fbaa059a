package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.flag.port.out.OperatorFlags;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link OperatorFlags} in a list, one flag per kind and subject as in the real one. */
public class InMemoryOperatorFlags implements OperatorFlags {

    private final List<OperatorFlag> flags = new ArrayList<>();

    @Override
    public synchronized boolean raise(OperatorFlag flag) {
        for (int i = 0; i < flags.size(); i++) {
            OperatorFlag known = flags.get(i);
            if (known.kind() == flag.kind() && known.subject().equals(flag.subject())) {
                if (known.state() == OperatorFlag.State.OPEN) {
                    return false;
                }
                flags.set(i, new OperatorFlag(known.id(), known.kind(), known.subject(), known.customer(), flag.detail(),
                        flag.raisedAt(), Optional.empty(), Optional.empty()));
                return true;
            }
        }
        flags.add(new OperatorFlag(flags.size() + 1, flag.kind(), flag.subject(), flag.customer(), flag.detail(),
                flag.raisedAt(), Optional.empty(), Optional.empty()));
        return true;
    }

    @Override
    public synchronized Page<OperatorFlag> list(Optional<OperatorFlag.State> state, int page, int size) {
        List<OperatorFlag> matching = flags.stream().filter(flag -> state.map(flag.state()::equals).orElse(true))
                .sorted(Comparator.comparing(OperatorFlag::raisedAt).reversed()).toList();
        return new Page<>(matching.stream().skip((long) page * size).limit(size).toList(), page, size, matching.size());
    }

    @Override
    public synchronized List<OperatorFlag> ofCustomer(CustomerId customer) {
        return flags.stream().filter(flag -> flag.customer().equals(Optional.of(customer))).toList();
    }

    @Override
    public synchronized Optional<OperatorFlag> resolve(long id, String operator, Instant at) {
        for (int i = 0; i < flags.size(); i++) {
            OperatorFlag known = flags.get(i);
            if (known.id() == id) {
                if (known.state() == OperatorFlag.State.OPEN) {
                    flags.set(i, new OperatorFlag(known.id(), known.kind(), known.subject(), known.customer(), known.detail(),
                            known.raisedAt(), Optional.of(at), Optional.of(operator)));
                }
                return Optional.of(flags.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized long countOpen() {
        return flags.stream().filter(flag -> flag.state() == OperatorFlag.State.OPEN).count();
    }

    public synchronized List<OperatorFlag> all() {
        return List.copyOf(flags);
    }
}
