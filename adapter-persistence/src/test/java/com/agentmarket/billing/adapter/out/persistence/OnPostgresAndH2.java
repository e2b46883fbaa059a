package com.agentmarket.billing.adapter.out.persistence;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests whose statements must work on PostgreSQL and on the embedded H2 that {@code ./run.sh} starts on: both are
 * migrated once per test class and emptied before each test. A test takes them with
 * {@code @ParameterizedTest(autoCloseArguments = false) @MethodSource("databases")} (the databases stay open for the
 * class's other tests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnPostgresAndH2 {

    private TestDatabase postgres;
    private TestDatabase h2;

    @BeforeAll
    void migrateBoth() {
        postgres = TestDatabase.postgres();
        h2 = TestDatabase.h2(getClass().getSimpleName());
    }

    @AfterAll
    void closeBoth() {
        postgres.close();
        h2.close();
    }

    protected List<TestDatabase> databases() {
        return List.of(postgres, h2);
    }

    @BeforeEach
    void emptyBoth() {
        databases().forEach(TestDatabase::truncateAll);
    }
}
