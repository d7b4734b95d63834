package com.sparkify.warehouse;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sparkify.warehouse.api.Problem;
import com.sparkify.warehouse.run.JobHistory;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.ReachesIntoApi;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.Test;

/**
 * The package arrows of docs/architecture.md, checked on the main classes: each layer uses only the
 * layers below it, and nothing points back up. Plain JUnit tests over ArchUnit's rules: ArchUnit's own
 * JUnit engine found no tests beside Quarkus's test class loading.
 */
class ArchitectureTest {

    private static final String ROOT = "com.sparkify.warehouse";
    private static final String API = ROOT + ".api..";
    private static final String RUN = ROOT + ".run..";
    private static final String ANALYTICS = ROOT + ".analytics..";
    private static final String INFRA = ROOT + ".infra..";
    private static final String CONFIG = ROOT + ".config..";
    private static final String WAREHOUSE = ROOT + ".warehouse..";
    private static final String SOURCE = ROOT + ".source..";
    private static final String GENERATOR = ROOT + ".generator..";
    private static final String HEALTH = ROOT + ".health..";

    /** The main classes, read from where the application class was loaded (not the whole class path). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(SparkifyWarehouseApplication.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void layersPointOneWay() {
        assertThatCode(() -> layers().check(MAIN)).doesNotThrowAnyException();
    }

    @Test
    void layersCatchAnArrowPointingUp() {
        // A test-only class in source that uses an api class: the rule, which passes on the main classes,
        // must name it.
        JavaClasses violating = new ClassFileImporter().importClasses(ReachesIntoApi.class, Problem.class);
        assertThatThrownBy(() -> layers().check(violating)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(ReachesIntoApi.class.getName())
                .hasMessageContaining(Problem.class.getName());
    }

    private static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("main").definedBy(ROOT)
                .layer("api").definedBy(API)
                .layer("run").definedBy(RUN)
                .layer("analytics").definedBy(ANALYTICS)
                .layer("infra").definedBy(INFRA)
                .layer("config").definedBy(CONFIG)
                .layer("warehouse").definedBy(WAREHOUSE)
                .layer("source").definedBy(SOURCE)
                .layer("generator").definedBy(GENERATOR)
                .layer("health").definedBy(HEALTH)
                .whereLayer("main").mayOnlyAccessLayers("generator")
                .whereLayer("api").mayOnlyAccessLayers("run", "analytics", "infra", "config")
                .whereLayer("infra").mayOnlyAccessLayers("run", "config")
                .whereLayer("run").mayOnlyAccessLayers("warehouse", "source", "config")
                .whereLayer("analytics").mayOnlyAccessLayers("warehouse", "config", "run")
                .whereLayer("warehouse").mayOnlyAccessLayers("source", "config")
                .whereLayer("source").mayOnlyAccessLayers("config")
                .whereLayer("generator").mayOnlyAccessLayers("source", "config")
                .whereLayer("health").mayOnlyAccessLayers("warehouse", "run", "config")
                .whereLayer("config").mayNotAccessAnyLayer();
    }

    @Test
    void analyticsReadsOnlyJobRecordsOfRun() {
        ArchRule rule = noClasses().that().resideInAPackage(ANALYTICS)
                .should().dependOnClassesThat(resideInAPackage(RUN)
                        .and(not(belongToAnyOf(JobRecord.class, JobType.class, JobStatus.class, JobHistory.class))))
                .because("analytics asks the job history which run loaded the tables, and nothing else of run");
        rule.check(MAIN);
    }

    @Test
    void noPackageCycles() {
        ArchRule rule = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
        rule.check(MAIN);
    }

    @Test
    void noCyclesBetweenEngines() {
        ArchRule rule = slices().matching(ROOT + ".warehouse.(*)..").should()
                .beFreeOfCycles();
        rule.check(MAIN);
    }

    @Test
    void onlyTheCliAndTheSampleBootstrapUseTheGenerator() {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackages(GENERATOR, ROOT)
                .should().dependOnClassesThat().resideInAPackage(GENERATOR)
                .because("the generator writes sample data: the command line and the sample bootstrap use it, "
                        + "the service's work never does");
        rule.check(MAIN);
    }

    @Test
    void onlyTheApiSpeaksHttp() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(API)
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("HTTP is the api layer's business; below it, work is plain Java");
        rule.check(MAIN);
    }

    @Test
    void healthUsesNoApiClass() {
        ArchRule rule = noClasses().that().resideInAPackage(HEALTH)
                .should().dependOnClassesThat().resideInAPackage(API);
        rule.check(MAIN);
    }
}
