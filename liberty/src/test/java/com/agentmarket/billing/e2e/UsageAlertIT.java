package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.MailServer.mail;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quota alerts on the deployed WAR: e-mailed once per threshold through the outbox and the SMTP server. */
class UsageAlertIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private static int execute(String customer, String executionId) {
        return asCustomer(customer).contentType("application/json").body(Map.of("execution_id", executionId))
                .post("/api/v1/billing/executions").then().extract().statusCode();
    }

    private static List<String> subjectsTo(String address) {
        return Arrays.stream(mail().getReceivedMessages()).filter(message -> {
            try {
                return message.getAllRecipients()[0].toString().equals(address);
            } catch (MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }).map(UsageAlertIT::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    @Test
    void a_free_customer_is_mailed_once_at_eighty_and_once_at_a_hundred_percent() {
        mail();
        String customer = newCustomerId();
        String address = customer + "@example.com";
        for (int i = 1; i <= 8; i++) {
            assertThat(execute(customer, "run-" + i)).isEqualTo(201);
        }
        assertThat(execute(customer, "run-8")).as("a repeat at the threshold").isEqualTo(201);
        for (int i = 9; i <= 11; i++) {
            execute(customer, "run-" + i);
        }

        Instant deadline = Instant.now().plus(DELIVERY);
        while (subjectsTo(address).size() < 2) {
            assertThat(Instant.now()).as("both alerts mailed in time").isBefore(deadline);
            Webhooks.sleep(100);
        }
        Webhooks.sleep(500);
        assertThat(subjectsTo(address)).containsExactlyInAnyOrder("You have used 80% of your monthly agent executions",
                "You have used 100% of your monthly agent executions");
        assertThat(count("select count(*) from notification where customer_id = ? and notification_key like 'usage-alert:%'",
                customer)).isEqualTo(2);
    }
}
