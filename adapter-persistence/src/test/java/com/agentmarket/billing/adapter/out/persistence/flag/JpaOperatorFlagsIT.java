package com.agentmarket.billing.adapter.out.persistence.flag;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.OnPostgresAndH2;
import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Flags for operators, on PostgreSQL and on the embedded H2. */
class JpaOperatorFlagsIT extends OnPostgresAndH2 {

    private static final Instant NOW = Instant.parse("2026-09-03T11:00:00Z");




    private static <T> T flags(TestDatabase db, Function<JpaOperatorFlags, T> work) {
        return db.inTransaction(em -> work.apply(new JpaOperatorFlags(em)));
    }

    private static boolean raise(TestDatabase db, OperatorFlag flag) {
        return flags(db, f -> f.raise(flag));
    }

    private static OperatorFlag flag(String subject, String detail, Instant at) {
        return OperatorFlag.raised(OperatorFlag.Kind.UNKNOWN_SUBSCRIPTION_PRICE, subject, Optional.of(new CustomerId("user_42")),
                detail, at);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_flag_is_raised_once_per_kind_and_subject_and_raised_again_after_it_was_resolved(TestDatabase db) {
        assertThat(raise(db, flag("sub_1", "first", NOW))).isTrue();
        assertThat(raise(db, flag("sub_1", "again", NOW.plusSeconds(1)))).as("still open").isFalse();
        assertThat(raise(db, flag("sub_2", "other", NOW))).isTrue();
        Page<OperatorFlag> open = flags(db, f -> f.list(Optional.of(OperatorFlag.State.OPEN), 0, 10));
        long id = open.items().stream().filter(flag -> flag.subject().equals("sub_1")).findFirst().orElseThrow().id();

        Optional<OperatorFlag> resolved = flags(db, f -> f.resolve(id, "ops_1", NOW.plusSeconds(60)));

        assertThat(resolved.orElseThrow().state()).isEqualTo(OperatorFlag.State.RESOLVED);
        assertThat(resolved.orElseThrow().resolvedBy()).contains("ops_1");
        assertThat(resolved.orElseThrow().detail()).isEqualTo("first");
        long stillOpen = flags(db, JpaOperatorFlags::countOpen);
        assertThat(stillOpen).isEqualTo(1);
        Page<OperatorFlag> resolvedOnes = flags(db, f -> f.list(Optional.of(OperatorFlag.State.RESOLVED), 0, 10));
        assertThat(resolvedOnes.items()).extracting(OperatorFlag::subject).containsExactly("sub_1");

        assertThat(raise(db, flag("sub_1", "seen again", NOW.plusSeconds(120)))).as("open again").isTrue();
        Page<OperatorFlag> all = flags(db, f -> f.list(Optional.empty(), 0, 10));
        assertThat(all.total()).isEqualTo(2);
        List<OperatorFlag> janes = flags(db, f -> f.ofCustomer(new CustomerId("user_42")));
        assertThat(janes).extracting(OperatorFlag::detail).containsExactlyInAnyOrder("seen again", "other");
        Optional<OperatorFlag> missing = flags(db, f -> f.resolve(9_999_999, "ops_1", NOW));
        assertThat(missing).isEmpty();
    }
}
