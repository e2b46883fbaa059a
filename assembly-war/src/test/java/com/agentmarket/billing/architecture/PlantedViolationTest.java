package com.agentmarket.billing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.planted.port.in.LeakyUseCase;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules that guard signatures fail on a planted violation, so they cannot pass by matching nothing. */
class PlantedViolationTest {

    @Test
    void an_inbound_port_that_shows_an_outbound_ports_type_breaks_the_rule() {
        JavaClasses planted = new ClassFileImporter().importClasses(LeakyUseCase.class);

        assertThat(HexagonArchitectureTest.inbound_ports_expose_no_outbound_port_types.evaluate(planted).hasViolation())
                .isTrue();
    }
}
