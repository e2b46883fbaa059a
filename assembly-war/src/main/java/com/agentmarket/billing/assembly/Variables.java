package com.agentmarket.billing.assembly;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link Variable}s and turns them into typed values, once, at startup. A malformed value is refused with an
 * {@link InvalidConfiguration} that names the variable, so the application stops instead of failing requests. An
 * empty or blank value means "not set" (Liberty passes an empty variable on as the empty string).
 */
final class Variables {

    /** A variable holds a value the application cannot use; the message names it. */
    static final class InvalidConfiguration extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidConfiguration(Variable variable, String value, String expected) {
            super(variable.name() + " is '" + value + "', but must be " + expected);
        }

        InvalidConfiguration(Variable variable, String problem) {
            super(variable.name() + ": " + problem);
        }

        /** A refusal whose message names the variable itself. */
        InvalidConfiguration(String problem) {
            super(problem);
        }
    }

    private final Function<String, Optional<String>> source;

    /** @param source the raw value of a variable by name (MicroProfile Config in the server) */
    Variables(Function<String, Optional<String>> source) {
        this.source = source;
    }

    private Optional<String> raw(Variable variable) {
        return source.apply(variable.name()).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** The value, or empty when neither it nor a default is set. */
    Optional<String> text(Variable variable) {
        return raw(variable).or(variable::defaultValue);
    }

    /** Whether the variable was set, rather than defaulted. */
    boolean isSet(Variable variable) {
        return raw(variable).isPresent();
    }

    /** A comma-separated list; empty when unset. */
    List<String> list(Variable variable) {
        return text(variable).stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }

    long number(Variable variable, long min, long max) {
        String value = text(variable).orElseThrow(() -> new InvalidConfiguration(variable, "has no value"));
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the range
        }
        throw new InvalidConfiguration(variable, value, "a whole number from " + min + " to " + max);
    }

    int integer(Variable variable, int min, int max) {
        return (int) number(variable, min, max);
    }

    /** A duration given in milliseconds, at least {@code minMillis}. */
    Duration millis(Variable variable, long minMillis) {
        return Duration.ofMillis(number(variable, minMillis, Long.MAX_VALUE / 1_000_000));
    }

    boolean flag(Variable variable) {
        String value = text(variable).orElse("false");
        // The words MicroProfile Config's boolean converter takes, so a value that worked before still does.
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "on" -> true;
            case "false", "0", "no", "n", "off" -> false;
            default -> throw new InvalidConfiguration(variable, value, "true or false");
        };
    }

    <E extends Enum<E>> E choice(Variable variable, Class<E> type) {
        String value = text(variable).orElseThrow(() -> new InvalidConfiguration(variable, "has no value"));
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidConfiguration(variable, value, "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** Builds a settings value, reporting a value it refuses as this variable's. */
    <T> T checked(Variable variable, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | DomainViolation refused) {
            throw new InvalidConfiguration(variable, refused.getMessage());
        }
    }
}
