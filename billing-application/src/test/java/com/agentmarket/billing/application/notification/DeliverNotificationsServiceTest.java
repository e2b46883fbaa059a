package com.agentmarket.billing.application.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryDueWork;
import com.agentmarket.billing.application.fakes.InMemoryNotificationOutbox;
import com.agentmarket.billing.application.fakes.TestWork;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.Notifier;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliverNotificationsServiceTest {

    private final FixedClock clock = FixedClock.at("2026-08-20T12:00:00Z");
    private final InMemoryNotificationOutbox outbox = new InMemoryNotificationOutbox();
    private final List<String> mailed = new ArrayList<>();
    private boolean mailServerDown;
    private final Notifier notifier = (to, subject, body) -> {
        if (mailServerDown) {
            throw new Notifier.NotificationFailedException("connection refused", null);
        }
        mailed.add(to.value() + ": " + subject);
    };
    private final DeliverNotificationsService service = new DeliverNotificationsService(outbox, notifier,
            TestWork.runner(outbox.work(), TestWork.settings(), clock));

    private void queue(String key, Optional<Email> to) {
        outbox.enqueue(new Notification(key, new CustomerId("user_42"), to, "Payment failed", "Please update your card."),
                clock.now());
    }

    private InMemoryDueWork.Item item(String key) {
        return outbox.work().item(WorkKind.NOTIFICATION, key).orElseThrow();
    }

    @Test
    void a_queued_notification_is_mailed_once() {
        queue("payment-failed-in_1", Optional.of(new Email("jane@example.com")));

        service.deliverDue();
        service.deliverDue();

        assertThat(mailed).containsExactly("jane@example.com: Payment failed");
        assertThat(outbox.sentKeys()).containsExactly("payment-failed-in_1");
    }

    @Test
    void a_customer_without_an_address_is_given_up_at_once() {
        queue("payment-failed-in_1", Optional.empty());

        service.deliverDue();

        assertThat(item("payment-failed-in_1").status()).isEqualTo(InMemoryDueWork.Status.DEAD);
        assertThat(item("payment-failed-in_1").note()).contains("the customer has no e-mail address");
    }

    @Test
    void a_mail_server_away_is_retried_thirty_seconds_later_doubling_and_given_up_after_ten_attempts() {
        queue("payment-failed-in_1", Optional.of(new Email("jane@example.com")));
        mailServerDown = true;

        service.deliverDue();
        assertThat(item("payment-failed-in_1").nextAttemptAt()).contains(clock.now().plusSeconds(30));
        for (int attempt = 2; attempt <= 10; attempt++) {
            clock.advance(Duration.ofHours(1));
            service.deliverDue();
        }

        assertThat(item("payment-failed-in_1").attempts()).isEqualTo(10);
        assertThat(item("payment-failed-in_1").status()).isEqualTo(InMemoryDueWork.Status.DEAD);
        assertThat(mailed).isEmpty();
    }
}
