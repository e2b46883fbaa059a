package com.agentmarket.billing.adapter.out.mail;

import com.agentmarket.billing.application.notification.port.out.Notifier;
import com.agentmarket.billing.domain.customer.Email;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Sends notifications as plain-text e-mail over SMTP ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_FROM},
 * {@code SMTP_USER}, {@code SMTP_PASSWORD}). Without {@code SMTP_HOST} a notification is logged instead of sent, so a
 * development server needs no mail server.
 */
@ApplicationScoped
class SmtpNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(SmtpNotifier.class.getName());
    private static final String TIMEOUT_MILLIS = "10000";

    private final Optional<Session> session;
    private final String from;

    @Inject
    SmtpNotifier(MailSettings settings) {
        this(settings.host(), settings.port(), settings.from(), settings.user(), settings.password());
    }

    SmtpNotifier(Optional<String> host, int port, String from, Optional<String> user, Optional<String> password) {
        this.from = from;
        this.session = host.map(smtpHost -> {
            Properties properties = new Properties();
            properties.put("mail.transport.protocol", "smtp");
            properties.put("mail.smtp.host", smtpHost);
            properties.put("mail.smtp.port", String.valueOf(port));
            properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
            properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
            properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
            properties.put("mail.smtp.starttls.enable", "true");
            if (user.isPresent()) {
                properties.put("mail.smtp.auth", "true");
                return Session.getInstance(properties, new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(user.get(), password.orElse(""));
                    }
                });
            }
            return Session.getInstance(properties);
        });
        if (session.isEmpty()) {
            LOG.info("SMTP_HOST is not set: notifications are logged, not sent");
        }
    }

    /** For CDI's client proxy. */
    protected SmtpNotifier() {
        this.session = Optional.empty();
        this.from = null;
    }

    @Override
    public void send(Email to, String subject, String body) {
        if (session.isEmpty()) {
            LOG.info(() -> "Notification for " + to + " (not sent: no SMTP_HOST): " + subject + "\n" + body);
            return;
        }
        try {
            MimeMessage message = new MimeMessage(session.get());
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.value(), true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException failure) {
            throw new NotificationFailedException("SMTP refused the message to " + to + ": " + failure.getMessage(), failure);
        }
    }
}
