package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void the_tokens_subject_is_our_customer_id() {
        Caller caller = new Caller(new Token(Map.of("sub", "cust-42")));

        assertThat(caller.customerId()).isEqualTo(new CustomerId("cust-42"));
        assertThat(caller.subject()).isEqualTo("cust-42");
    }

    @Test
    void a_token_without_a_subject_is_401_asking_for_a_bearer_token() {
        Caller caller = new Caller(new Token(Map.of("sub", " ")));

        NotAuthorizedException refused = catchThrowableOfType(NotAuthorizedException.class, caller::customerId);

        assertThat(refused.getResponse().getStatus()).isEqualTo(401);
        assertThat(refused.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void the_email_claim_is_the_customers_address() {
        Caller caller = new Caller(new Token(Map.of("sub", "cust-42", "email", "ada@example.com")));

        assertThat(caller.email()).contains(new Email("ada@example.com"));
    }

    @Test
    void no_email_claim_is_no_address() {
        assertThat(new Caller(new Token(Map.of("sub", "cust-42"))).email()).isEmpty();
    }

    @Test
    void a_malformed_email_claim_is_ignored_rather_than_stored() {
        Logger log = Logger.getLogger(Caller.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF);
        try {
            Caller caller = new Caller(new Token(Map.of("sub", "cust-42", "email", "not an address")));

            assertThat(caller.email()).isEmpty();
        } finally {
            log.setLevel(level);
        }
    }
}
