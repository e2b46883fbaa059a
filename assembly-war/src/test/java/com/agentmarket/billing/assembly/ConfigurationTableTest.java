package com.agentmarket.billing.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table says what {@link Variable} says: every variable the application reads is listed
 * with its default, and every listed variable is read by the application, by Liberty's configuration (a server
 * variable {@code x.y} is read from {@code X_Y}) or by MicroProfile JWT ({@code MP_JWT_*}).
 */
class ConfigurationTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path LIBERTY_CONFIG = Path.of("..", "liberty", "src", "main", "liberty", "config");
    /** Listed for the web frontend's sake; the service itself never reads it. */
    private static final Set<String> FOR_THE_FRONTEND = Set.of("STRIPE_PUBLISHABLE_KEY");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    /** The README's table: each variable with its default as written there (backticks dropped). */
    private static Map<String, String> documented() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("## Configuration");
        Map<String, String> table = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\s*\\|\\s*");
            List<String> names = new ArrayList<>();
            Matcher name = NAME.matcher(cells[1]);
            while (name.find()) {
                names.add(name.group(1));
            }
            String defaults = cells[2].replace("`", "").trim();
            List<String> each = Arrays.stream(defaults.split(",\\s*")).toList();
            for (int i = 0; i < names.size(); i++) {
                table.put(names.get(i), names.size() == each.size() ? each.get(i) : defaults);
            }
        }
        return table;
    }

    private static String libertyConfig() throws IOException {
        try (Stream<Path> files = Files.list(LIBERTY_CONFIG)) {
            return files.filter(file -> file.toString().endsWith(".xml")).map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException unreadable) {
                    throw new IllegalStateException(unreadable);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    @Test
    void every_variable_the_application_reads_is_documented_with_its_default() throws IOException {
        Map<String, String> table = documented();

        for (Variable variable : Variable.values()) {
            assertThat(table).as("README's configuration table lists " + variable).containsKey(variable.name());
            assertThat(table.get(variable.name())).as("README's default of " + variable)
                    .isEqualTo(variable.documentedDefault());
        }
    }

    @Test
    void every_documented_variable_is_read_by_the_application_or_by_liberty() throws IOException {
        String liberty = libertyConfig();
        Set<String> read = Arrays.stream(Variable.values()).map(Variable::name).collect(Collectors.toSet());

        assertThat(documented().keySet()).isNotEmpty().allSatisfy(name -> assertThat(read.contains(name)
                || FOR_THE_FRONTEND.contains(name) || name.startsWith("MP_JWT_")
                || liberty.contains("<variable name=\"" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '.') + "\""))
                .as(name + " is documented but nothing reads it").isTrue());
    }
}
