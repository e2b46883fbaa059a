package com.agentmarket.billing.adapter.out.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * The mail server for notifications ({@code SMTP_*}), read from configuration by the assembly. Without a host,
 * notifications are logged, not sent. The password is never shown.
 */
public record MailSettings(Optional<String> host, int port, String from, Optional<String> user, Optional<String> password) {

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host.orElse("(none)") + ", port=" + port + ", from=" + from + ", user="
                + user.orElse("(none)") + "]";
    }
}
