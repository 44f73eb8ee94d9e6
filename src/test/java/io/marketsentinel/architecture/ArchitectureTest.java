package io.marketsentinel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's package table ("Layout"), as rules: each package of {@code io.marketsentinel} may use
 * only the packages its row names, and the core ({@code history}, {@code rules}, {@code alerting})
 * nothing of Quarkus, CDI, MicroProfile, the AWS SDK or the configuration. A broken rule fails
 * naming the offending class, the class it used, and where.
 */
class ArchitectureTest {

    private static final String ROOT = "io.marketsentinel";

    /** The README's table: package -> the project packages it may use (besides itself and its sub-packages). */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("config", Set.of());
        MAY_USE.put("http", Set.of());
        MAY_USE.put("history", Set.of());
        MAY_USE.put("rules", Set.of("history"));
        MAY_USE.put("alerting", Set.of("rules", "history"));
        MAY_USE.put("market", Set.of("http", "history"));
        MAY_USE.put("store", Set.of("alerting", "history"));
        MAY_USE.put("notify", Set.of("alerting", "rules", "http"));
        MAY_USE.put("replay", Set.of("alerting", "rules", "history"));
        MAY_USE.put("check", Set.of("alerting", "rules", "history", "market", "store", "notify"));
        MAY_USE.put("lambda", Set.of("check"));
        MAY_USE.put("cli", Set.of("check", "replay", "store", "app", "config", "http", "alerting", "rules", "history",
                "market", "notify"));
        MAY_USE.put("app", Set.of("config", "http", "history", "rules", "alerting", "market", "store", "notify",
                "check", "replay", "lambda"));
    }

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static Stream<String> packages() {
        return MAY_USE.keySet().stream();
    }

    /** A rule per row of the table. */
    static ArchRule mayOnlyUse(String pkg) {
        List<String> allowed = new ArrayList<>();
        allowed.add(ROOT + "." + pkg + "..");
        MAY_USE.get(pkg).forEach(p -> allowed.add(ROOT + "." + p + ".."));
        return classes().that().resideInAPackage(ROOT + "." + pkg + "..")
                .should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(resideInAnyPackage(
                        allowed.toArray(String[]::new))))
                .as("io.marketsentinel." + pkg + " uses only " + (MAY_USE.get(pkg).isEmpty() ? "no other package"
                        : MAY_USE.get(pkg)) + " (README, Layout)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void eachPackageUsesOnlyWhatItsRowOfTheTableNames(String pkg) {
        mayOnlyUse(pkg).check(main);
    }

    @Test
    void theCoreIsPlainJavaWithTimeAsAParameter() {
        noClasses().that().resideInAnyPackage(ROOT + ".history..", ROOT + ".rules..", ROOT + ".alerting..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                        "jakarta.inject..", "org.eclipse.microprofile..", "io.smallrye..", "io.vertx..",
                        "software.amazon..", "com.amazonaws..", "org.jboss..", ROOT + ".config..")
                .as("history, rules and alerting import nothing from Quarkus, CDI, MicroProfile, the AWS SDK, "
                        + "the log framework or the configuration (Jackson annotations aside)")
                .check(main);
    }

    @Test
    void everyPackageOfTheCodeHasARowInTheTable() {
        List<String> unlisted = main.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .distinct()
                .filter(p -> !MAY_USE.containsKey(p))
                .toList();
        assertThat(unlisted).as("packages with no row in the README's table").isEmpty();
    }
}
