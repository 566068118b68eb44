package dev.mlops.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.mlops.monitor.DriftMethod;
import dev.mlops.monitor.DriftOptions;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.serve.ExecutionProvider;
import dev.mlops.serve.ServerConfig;
import dev.mlops.serve.endpoint.EndpointConfig;

/**
 * The module and package rules of DESIGN.md and STYLE.md, checked on the compiled library classes of every module.
 * The samples module depends on all of them, so this is where the whole picture is on the class path.
 */
@AnalyzeClasses(packages = "dev.mlops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String API = "dev.mlops.api..";
    private static final String DATA = "dev.mlops.data..";
    private static final String FEATURES = "dev.mlops.features..";
    private static final String TRAIN = "dev.mlops.train..";
    private static final String SERVE = "dev.mlops.serve..";
    private static final String MONITOR = "dev.mlops.monitor..";
    private static final String SPARK = "dev.mlops.spark..";
    private static final String PIPELINE = "dev.mlops.pipeline..";
    private static final String SAMPLES = "dev.mlops.samples..";
    private static final String TEST_KIT = "dev.mlops.test..";
    private static final String CLI = "dev.mlops.cli..";

    @ArchTest
    static final ArchRule modulesHaveNoCycles = slices().matching("dev.mlops.(*)..").should().beFreeOfCycles();

    /** A package and its {@code internal} implementation package form one slice: the API calls in, the internals return API types. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().assignedFrom(InternalAccess.packageWithItsInternals())
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiDependsOnNoStage = noClasses().that().resideInAPackage(API).should()
            .dependOnClassesThat().resideInAnyPackage(DATA, FEATURES, TRAIN, SERVE, MONITOR, SPARK, SAMPLES);

    @ArchTest
    static final ArchRule dataDependsOnlyOnApi = noClasses().that().resideInAPackage(DATA).should()
            .dependOnClassesThat().resideInAnyPackage(FEATURES, TRAIN, SERVE, MONITOR, SPARK, SAMPLES).allowEmptyShould(true);

    @ArchTest
    static final ArchRule featuresDependOnDataAndApi = noClasses().that().resideInAPackage(FEATURES).should()
            .dependOnClassesThat().resideInAnyPackage(TRAIN, SERVE, MONITOR, SPARK, SAMPLES).allowEmptyShould(true);

    @ArchTest
    static final ArchRule trainDoesNotReachServingOrMonitoring = noClasses().that().resideInAPackage(TRAIN).should()
            .dependOnClassesThat().resideInAnyPackage(SERVE, MONITOR, SPARK, SAMPLES).allowEmptyShould(true);

    @ArchTest
    static final ArchRule serveDependsOnlyOnApi = noClasses().that().resideInAPackage(SERVE).should()
            .dependOnClassesThat().resideInAnyPackage(DATA, FEATURES, TRAIN, MONITOR, SPARK, SAMPLES, "org.tribuo..")
            .because("a service that embeds the server must not drag the training stack in")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule monitorDependsOnDataAndApi = noClasses().that().resideInAPackage(MONITOR).should()
            .dependOnClassesThat().resideInAnyPackage(FEATURES, TRAIN, SERVE, SPARK, SAMPLES, "org.tribuo..")
            .because("a service that embeds the server and the monitor carries neither the training stack nor "
                    + "the server's internals; the prediction event contract is in mlops-api");

    @ArchTest
    static final ArchRule sparkRunsTheSingleMachineStages = noClasses().that().resideInAPackage(SPARK).should()
            .dependOnClassesThat().resideInAnyPackage(FEATURES, TRAIN, SAMPLES, TEST_KIT, "org.tribuo..")
            .because("mlops-spark runs the data, serving and monitoring stages on a cluster; training stays on one "
                    + "machine (docs/decisions/170)")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlySamplesAndBenchmarksUseSpark = noClasses().that().resideOutsideOfPackages(SPARK,
            SAMPLES, "dev.mlops.benchmarks..").should().dependOnClassesThat().resideInAnyPackage(SPARK, "org.apache.spark..")
            .because("Spark is provided by the user's cluster: only mlops-spark may need it")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule pipelineComposesTheTrainingStack = noClasses().that().resideInAPackage(PIPELINE).should()
            .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(SERVE, MONITOR, SAMPLES, TEST_KIT)
                    .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(ServerConfig.class,
                            ExecutionProvider.class, EndpointConfig.class, DriftOptions.class, DriftMethod.class,
                            WindowSpec.class))))
            .allowEmptyShould(true)
            .because("a pipeline file drives data, features and training through their public API, and records the"
                    + " serving and monitoring settings as the records the server and monitor take, nothing more"
                    + " (docs/decisions/165)");

    @ArchTest
    static final ArchRule noModuleDependsOnThePipeline = noClasses().that().resideInAnyPackage(API, DATA, FEATURES,
            TRAIN, SERVE, MONITOR).should().dependOnClassesThat().resideInAPackage(PIPELINE)
            .because("mlops-pipeline sits on top: only applications and the CLI call it");

    @ArchTest
    static final ArchRule predictionEventsAreAContractOfTheApi = noClasses().that().resideInAPackage(SERVE)
            .or().resideInAPackage(MONITOR).should().haveSimpleName("PredictionEvent").orShould()
            .haveSimpleName("PredictionListener")
            .because("server and monitor both see the prediction event contract in mlops-api");

    @ArchTest
    static final ArchRule nothingDependsOnTheCommandLine = noClasses().that().resideOutsideOfPackage(CLI).should()
            .dependOnClassesThat().resideInAPackage(CLI)
            .because("mlops-cli is a leaf: it calls the SDK, no library calls it (docs/decisions/150)");

    @ArchTest
    static final ArchRule nothingButTestsUsesTheTestKit = noClasses().that().resideOutsideOfPackage(TEST_KIT).should()
            .dependOnClassesThat().resideInAPackage(TEST_KIT)
            .because("mlops-test (JUnit, AssertJ) is for users' tests: test scope, never a library's run time");

    @ArchTest
    static final ArchRule internalsStayInTheirModule = noClasses().should(InternalAccess.crossesModule())
            .because("internal packages are implementation details of one module");

    @ArchTest
    static final ArchRule libraryCodeDoesNotPrint = noClasses().that().resideOutsideOfPackages(SAMPLES,
            "dev.mlops.benchmarks..").should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("libraries log through SLF4J; printing is for samples and benchmarks");

    @ArchTest
    static final ArchRule noGenericExceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    /** Tribuo reports training progress only through java.util.logging; one adapter listens there, nothing logs there. */
    @ArchTest
    static final ArchRule noJavaUtilLogging = noClasses().that()
            .doNotHaveFullyQualifiedName("dev.mlops.train.internal.TribuoProgress")
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("the SDK logs through SLF4J");

    /** Run tracking lives beside its contract, so a service tracks runs without the training stack (decision 210). */
    @ArchTest
    static final ArchRule runTrackersLiveInTheApi = noClasses().that()
            .implement(dev.mlops.api.tracking.RunTracker.class).should().resideOutsideOfPackage("dev.mlops.api.tracking")
            .because("the tracking stores need only the JDK and Jackson, and live in mlops-api (decision 210)");

    /** One name for one idea: the fitted preprocessing step is the only {@code Transform} (issue 10). */
    @ArchTest
    static final ArchRule oneTransform = noClasses().that().haveSimpleName("Transform").should()
            .resideOutsideOfPackage(FEATURES)
            .because("cleaning steps are CleaningStep; Transform is the feature preprocessing step");

    /** One shuffle: seeded orders come from Shuffle, so a seed means the same order everywhere (decision 213). */
    @ArchTest
    static final ArchRule oneShuffle = noClasses().that().doNotHaveFullyQualifiedName("dev.mlops.data.split.Shuffle")
            .should().callMethod(java.util.Collections.class, "shuffle", java.util.List.class, java.util.Random.class)
            .because("the SDK's seeded shuffle is dev.mlops.data.split.Shuffle");

    @ArchTest
    static final ArchRule noImplSuffix = noClasses().should().haveSimpleNameEndingWith("Impl")
            .because("implementations are named for their behaviour (STYLE.md, 11)");
}
