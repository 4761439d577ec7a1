package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;

/** The module table of docs/architecture.md says what the modules' package-info.java declare. */
class ArchitectureTableTest {

    private static final Path DOC = Path.of("docs/architecture.md");
    /** A row: | `module` | public API | depends on | */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(\\w+)`\\s*\\|.*\\|\\s*([^|]*?)\\s*\\|\\s*$");

    @Test
    void theModuleTableNamesEachModulesDeclaredDependencies() throws IOException {
        Map<String, Set<String>> table = dependsOnColumn(Files.readAllLines(DOC));
        Map<String, Set<String>> code = new LinkedHashMap<>();
        ModuleStructureTest.MODULES.stream().map(ApplicationModule::getName).sorted().forEach(name ->
                code.put(name, new TreeSet<>(ModuleContracts.declaredDependencies(name))));

        List<String> differences = new ArrayList<>();
        code.forEach((module, declared) -> {
            Set<String> documented = table.get(module);
            if (documented == null) {
                differences.add(module + ": no row; add | `" + module + "` | … | "
                        + (declared.isEmpty() ? "—" : String.join(", ", declared)) + " |");
            } else if (!documented.equals(declared)) {
                differences.add(module + ": table says " + text(documented) + ", package-info.java declares "
                        + text(declared) + " (" + diff(declared, documented) + ")");
            }
        });
        table.keySet().stream().filter(module -> !code.containsKey(module))
                .forEach(module -> differences.add(module + ": in the table, but no such module"));
        if (!differences.isEmpty()) {
            fail(DOC + "'s module table is not what the code declares:\n  " + String.join("\n  ", differences));
        }
    }

    @Test
    void theTableIsRead() {
        Map<String, Set<String>> table = dependsOnColumn(List.of(
                "## Modules", "| module | public API | depends on |", "|---|---|---|",
                "| `a` | `A` (x, y), `/api/a` | b, c |", "| `b` | `B` | — |", "", "## Next", "| `c` | x | a |"));

        assertThat(table).containsExactly(Map.entry("a", Set.of("b", "c")), Map.entry("b", Set.of()));
    }

    /** The "depends on" column of the table under "## Modules", by module ("—": none). */
    static Map<String, Set<String>> dependsOnColumn(List<String> lines) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        boolean inModules = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inModules = line.equals("## Modules");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inModules && row.matches()) {
                String column = row.group(2).replace("`", "").strip();
                Set<String> dependencies = new TreeSet<>();
                if (!column.equals("—") && !column.equals("-") && !column.isEmpty()) {
                    Arrays.stream(column.split(",")).map(String::strip).forEach(dependencies::add);
                }
                table.put(row.group(1), dependencies);
            }
        }
        return table;
    }

    private static String text(Set<String> modules) {
        return modules.isEmpty() ? "[—]" : "[" + String.join(", ", modules) + "]";
    }

    private static String diff(Set<String> declared, Set<String> documented) {
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(declared);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("add " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            parts.add("remove " + String.join(", ", extra));
        }
        return String.join("; ", parts);
    }
}
