package com.agentmarket.billing.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.notification.port.out.Notifier;
import com.agentmarket.billing.domain.customer.Email;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against a real SMTP server (GreenMail) on a free local port. */
class SmtpNotifierTest {

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void a_notification_is_delivered_as_plain_text_mail_from_the_configured_sender() throws Exception {
        Notifier notifier = new SmtpNotifier(Optional.of("127.0.0.1"), smtp.getSmtp().getPort(), "billing@agentmarket.test",
                Optional.empty(), Optional.empty());

        notifier.send(new Email("jane.doe@example.com"), "Your payment failed", "We could not collect 29.00 USD. Ünïcode ok.");

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("jane.doe@example.com");
        assertThat(received.getFrom()[0].toString()).isEqualTo("billing@agentmarket.test");
        assertThat(received.getSubject()).isEqualTo("Your payment failed");
        assertThat(GreenMailUtil.getBody(received)).contains("29.00 USD");
        assertThat(received.getContent().toString()).contains("Ünïcode");
    }

    @Test
    void an_unreachable_server_is_a_failure_the_caller_retries() {
        int closedPort = smtp.getSmtp().getPort();
        smtp.stop();
        Notifier notifier = new SmtpNotifier(Optional.of("127.0.0.1"), closedPort, "billing@agentmarket.test",
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> notifier.send(new Email("jane.doe@example.com"), "s", "b"))
                .isInstanceOf(Notifier.NotificationFailedException.class);
    }

    @Test
    void without_an_smtp_host_notifications_are_logged_not_sent() {
        Notifier notifier = new SmtpNotifier(Optional.empty(), 25, "billing@agentmarket.test", Optional.empty(),
                Optional.empty());

        notifier.send(new Email("jane.doe@example.com"), "s", "b");

        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
