package com.agentmarket.billing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.persistence.Entity;

/**
 * The hexagon, checked on the compiled classes of every module. Each rule keeps ArchUnit's default of failing when
 * it matches no class, so a rule aimed at a package that does not exist fails instead of passing.
 */
@AnalyzeClasses(packages = "com.agentmarket.billing", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonArchitectureTest {

    private static final String DOMAIN = "com.agentmarket.billing.domain..";
    private static final String APPLICATION = "com.agentmarket.billing.application..";
    private static final String ADAPTERS = "com.agentmarket.billing.adapter..";
    private static final String REST = "com.agentmarket.billing.adapter.in.rest..";
    private static final String PERSISTENCE = "com.agentmarket.billing.adapter.out.persistence..";

    @ArchTest
    static final ArchRule the_domain_depends_on_nothing_but_the_jdk = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..");

    @ArchTest
    static final ArchRule the_application_depends_on_the_domain_and_three_jakarta_apis_only = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..",
                    "jakarta.inject..", "jakarta.enterprise.context..", "jakarta.transaction..");

    @ArchTest
    static final ArchRule the_core_never_reaches_into_adapters = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS);

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("com.agentmarket.billing.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule rest_never_touches_jpa_or_stripe = noClasses().that().resideInAPackage(REST)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "com.stripe..");

    @ArchTest
    static final ArchRule only_the_stripe_adapter_speaks_stripe_java = noClasses()
            .that().resideOutsideOfPackage("com.agentmarket.billing.adapter.out.stripe..")
            .should().dependOnClassesThat().resideInAPackage("com.stripe..");

    @ArchTest
    static final ArchRule entities_live_only_in_the_persistence_adapter = classes()
            .that().areAnnotatedWith(Entity.class)
            .should().resideInAPackage(PERSISTENCE);

    /**
     * A use case speaks application and domain types only: an outbound port's type (or a type nested in one) in an
     * inbound port's signature would tie the driving side to a driven one.
     */
    @ArchTest
    static final ArchRule inbound_ports_expose_no_outbound_port_types = noClasses()
            .that().resideInAPackage("com.agentmarket.billing.application..port.in..")
            .should().dependOnClassesThat().resideInAPackage("com.agentmarket.billing.application..port.out..");

    /** An operator can tell from the layout where background work starts: only the jobs adapter schedules. */
    @ArchTest
    static final ArchRule only_the_jobs_adapter_schedules_work = noClasses()
            .that().resideOutsideOfPackage("com.agentmarket.billing.adapter.in.jobs..")
            .should().dependOnClassesThat().areAssignableTo(ManagedScheduledExecutorService.class);

    @ArchTest
    static final ArchRule only_the_persistence_adapter_uses_jpa = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..");
}
