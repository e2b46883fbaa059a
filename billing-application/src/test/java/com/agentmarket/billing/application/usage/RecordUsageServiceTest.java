package com.agentmarket.billing.application.usage;

import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.fakes.InMemoryUsageReportOutbox;
import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.ClientKey;
import com.agentmarket.billing.application.usage.port.in.RecordUsage.RecordUsageCommand;
import com.agentmarket.billing.application.usage.port.in.RecordUsage.RecordedUsage;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RecordUsageServiceTest {

    private final TestBilling billing = new TestBilling();
    private final InMemoryUsageReportOutbox outbox = new InMemoryUsageReportOutbox();
    private final RecordUsageService service = new RecordUsageService(billing.subscriptions, billing.customers, outbox,
            billing.tx, billing.clock);
    private final CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);
    private final SubscriptionItemId janesItem = new SubscriptionItemId("si_jane");

    private RecordUsageCommand increment(Optional<CustomerId> caller, long quantity, String action) {
        return new RecordUsageCommand(caller, janesItem, quantity, OptionalLong.empty(), action,
                Optional.of(new ClientKey("caller_1", "k1")));
    }

    private static void rejected(Runnable call, BillingRejection.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BillingRejection.class,
                rejection -> assertThat(rejection.reason()).isEqualTo(reason));
    }

    @Test
    void an_increment_on_ones_own_item_is_queued_for_the_meter_once_per_key() {
        RecordedUsage first = service.record(increment(Optional.of(jane), 100, "increment"));
        RecordedUsage retry = service.record(increment(Optional.of(jane), 100, "increment"));

        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.identifier()).isEqualTo(first.identifier());
        assertThat(outbox.backlog().unsentReports()).isEqualTo(1);
    }

    @Test
    void set_is_refused_because_meters_only_add_up() {
        rejected(() -> service.record(increment(Optional.of(jane), 100, "set")), BillingRejection.Reason.SET_NOT_SUPPORTED);
        assertThatThrownBy(() -> service.record(increment(Optional.of(jane), 100, "replace")))
                .isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> service.record(increment(Optional.of(jane), 0, "increment")))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void timestamps_outside_stripes_window_are_refused() {
        RecordUsageCommand tooOld = new RecordUsageCommand(Optional.of(jane), janesItem, 1,
                OptionalLong.of(billing.clock.now().minus(Duration.ofDays(36)).getEpochSecond()), "increment", Optional.empty());
        RecordUsageCommand ahead = new RecordUsageCommand(Optional.of(jane), janesItem, 1,
                OptionalLong.of(billing.clock.now().plus(Duration.ofMinutes(6)).getEpochSecond()), "increment", Optional.empty());
        RecordUsageCommand beyondAnyDate = new RecordUsageCommand(Optional.of(jane), janesItem, 1,
                OptionalLong.of(Long.MAX_VALUE), "increment", Optional.empty());

        rejected(() -> service.record(tooOld), BillingRejection.Reason.TIMESTAMP_OUT_OF_RANGE);
        rejected(() -> service.record(ahead), BillingRejection.Reason.TIMESTAMP_OUT_OF_RANGE);
        rejected(() -> service.record(beyondAnyDate), BillingRejection.Reason.TIMESTAMP_OUT_OF_RANGE);
    }

    @Test
    void another_customers_item_is_not_found_but_the_platform_backend_may_record_for_it() {
        CustomerId john = new CustomerId("john");

        rejected(() -> service.record(increment(Optional.of(john), 5, "increment")), BillingRejection.Reason.NOT_FOUND);
        assertThat(service.record(increment(Optional.empty(), 5, "increment")).duplicate()).isFalse();
    }

    @Test
    void the_same_key_with_another_request_is_refused_and_the_first_record_stands() {
        RecordedUsage first = service.record(increment(Optional.of(jane), 100, "increment"));

        rejected(() -> service.record(increment(Optional.of(jane), 7, "increment")), BillingRejection.Reason.IDEMPOTENCY_KEY_REUSED);
        RecordedUsage retry = service.record(increment(Optional.of(jane), 100, "increment"));

        assertThat(retry.quantity()).isEqualTo(100);
        assertThat(retry.timestamp()).isEqualTo(first.timestamp());
        assertThat(outbox.backlog().unsentReports()).isEqualTo(1);
    }

    @Test
    void usage_recorded_before_request_digests_were_kept_answers_its_first_record() {
        RecordedUsage first = service.record(increment(Optional.of(jane), 100, "increment"));
        var stored = outbox.recorded(first.identifier()).orElseThrow().report();
        InMemoryUsageReportOutbox legacy = new InMemoryUsageReportOutbox();
        legacy.enqueue(stored, null, billing.clock.now());
        RecordUsageService onLegacy = new RecordUsageService(billing.subscriptions, billing.customers, legacy, billing.tx,
                billing.clock);

        RecordedUsage retry = onLegacy.record(increment(Optional.of(jane), 7, "increment"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.quantity()).isEqualTo(100);
    }
}
