package dev.detour.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.detour.core.model.ModelPort;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layering rules of DESIGN.md §1 as ArchUnit rules, each a sentence. {@link LayeringTest} checks
 * them against the compiled main classes of every module; {@link RulesCanFailTest} proves each one
 * reports a deliberately violating fixture.
 */
final class DetourArchitecture {

    static final String CORE = "dev.detour.core..";
    static final String ADAPTERS = "dev.detour.adapters..";
    static final String TRANSPORT = "dev.detour.transport..";
    static final String APP = "dev.detour.app..";
    static final String STORES = "dev.detour.store..";
    static final String SIMULATOR = "dev.detour.simulator..";
    static final String CLI = "dev.detour.app.cli..";
    static final String BENCHMARKS = "dev.detour.benchmarks..";
    static final String INTERNAL = "..internal..";
    static final String ENGINES = "dev.detour.engine..";
    static final String TEMPORAL_SDK = "io.temporal..";

    /** JDBC and the database drivers a store module may use. */
    static final List<String> DATABASE_LIBRARIES = List.of("java.sql..", "javax.sql..", "org.sqlite..");

    /** The libraries an adapter may use besides the JDK ({@code java.*}, {@code javax.*}) and core: HTTP and JSON, and what they are built on. */
    static final List<String> ADAPTER_LIBRARIES =
            List.of("retrofit2", "okhttp3", "okio", "com.fasterxml.jackson", "kotlin", "org.jetbrains.annotations");

    private DetourArchitecture() {}

    static final ArchRule core_depends_on_the_jdk_only = classes()
            .that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE, "org.jspecify..")
            .as("core depends on the JDK only");

    static final ArchRule adapters_depend_only_on_core_transport_and_their_http_and_json_libraries = classes()
            .that().resideInAPackage(ADAPTERS)
            .should(onlyDependOnCoreTransportTheirOwnAdapterAndHttpJsonLibraries())
            .as("adapters depend only on core, transport, their own packages and their HTTP/JSON libraries");

    static final ArchRule adapters_never_depend_on_app = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .as("adapters never depend on app");

    static final ArchRule adapters_never_depend_on_each_other = slices()
            .matching("dev.detour.adapters.(*)..")
            .should().notDependOnEachOther()
            .as("adapters never depend on each other");

    static final ArchRule app_never_depends_on_an_adapter = noClasses()
            .that().resideInAPackage(APP)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .as("app never depends on an adapter: it finds provider types through ServiceLoader");

    static final ArchRule guice_and_failsafe_are_used_in_app_only = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "dev.failsafe..")
            .as("Guice and Failsafe are used in app only");

    /** Retrofit is not on transport's classpath at all, so this rule lets transport use OkHttp only. */
    static final ArchRule retrofit_and_okhttp_are_used_in_adapters_and_transport_only = noClasses()
            .that().resideOutsideOfPackages(ADAPTERS, TRANSPORT)
            .should().dependOnClassesThat().resideInAnyPackage("retrofit2..", "okhttp3..")
            .as("Retrofit and OkHttp are used in adapters and transport only");

    static final ArchRule opentelemetry_is_used_in_app_only = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
            .as("OpenTelemetry is used in app only");

    static final ArchRule only_the_sdk_setup_touches_the_opentelemetry_sdk = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.detour.app.telemetry.SdkTelemetry")
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.sdk..")
            .as("only SdkTelemetry touches the OpenTelemetry SDK, so nothing loads it while telemetry is off");

    /** The peer the benchmarks measure Detour against, a benchmark-scope dependency: never in the product. */
    static final ArchRule langchain4j_is_used_in_benchmarks_only = noClasses()
            .that().resideOutsideOfPackage(BENCHMARKS)
            .should().dependOnClassesThat().resideInAPackage("dev.langchain4j..")
            .as("LangChain4j, the benchmarks' peer, is used in benchmarks only");

    static final ArchRule jdbc_and_database_drivers_are_used_in_stores_only = noClasses()
            .that().resideOutsideOfPackage(STORES)
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_LIBRARIES.toArray(String[]::new))
            .as("JDBC and database drivers are used in store modules only");

    static final ArchRule stores_depend_only_on_core_jdbc_and_their_driver = classes()
            .that().resideInAPackage(STORES)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    Stream.concat(Stream.of("java..", CORE, STORES), DATABASE_LIBRARIES.stream()).toArray(String[]::new))
            .as("stores depend only on core, JDBC and their database driver");

    static final ArchRule the_temporal_sdk_is_used_in_engine_temporal_only = noClasses()
            .that().resideOutsideOfPackage("dev.detour.engine.temporal..")
            .should().dependOnClassesThat().resideInAPackage(TEMPORAL_SDK)
            .as("the Temporal SDK is used in engine-temporal only");

    static final ArchRule engines_depend_only_on_core_their_engine_library_and_json = classes()
            .that().resideInAPackage(ENGINES)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", CORE, ENGINES, TEMPORAL_SDK, "com.fasterxml.jackson..")
            .as("engines depend only on core, their engine's library and Jackson");

    static final ArchRule packages_are_free_of_cycles = slices()
            .matching("dev.detour.(**)")
            .should().beFreeOfCycles()
            .as("packages are free of cycles");

    static final ArchRule model_ports_are_implemented_in_adapters_or_app = classes()
            .that().implement(ModelPort.class)
            .should().resideInAnyPackage(ADAPTERS, APP)
            .as("ModelPort implementations live in an adapter or in app");

    static final ArchRule transport_depends_only_on_core_and_okhttp = classes()
            .that().resideInAPackage(TRANSPORT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "javax..", CORE, TRANSPORT, "okhttp3..", "okio..", "kotlin..", "org.jetbrains.annotations..")
            .as("transport depends only on core and OkHttp");

    static final ArchRule the_simulator_depends_only_on_core_jackson_and_the_jdk_http_server = classes()
            .that().resideInAPackage(SIMULATOR)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "javax..", "org.w3c.dom..", "org.xml.sax..", "com.sun.net.httpserver..", CORE, SIMULATOR,
                    "com.fasterxml.jackson..")
            .as("the simulator depends only on core, Jackson and the JDK's HTTP server");

    static final ArchRule standard_output_is_written_by_the_cli_only = noClasses()
            .that().resideOutsideOfPackages(CLI, BENCHMARKS)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .as("System.out and System.err are written by the CLI (and the benchmark tool) only");

    static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION
            .as("no class uses field injection: dependencies come through the constructor");

    static final ArchRule internal_types_stay_out_of_public_signatures = methods()
            .that().arePublic()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage(INTERNAL)
            .should(notUseInternalTypesInTheirSignature())
            .as("public methods outside internal packages take and return no internal types");

    static final List<ArchRule> ALL = List.of(
            transport_depends_only_on_core_and_okhttp,
            the_simulator_depends_only_on_core_jackson_and_the_jdk_http_server,
            standard_output_is_written_by_the_cli_only,
            no_field_injection,
            internal_types_stay_out_of_public_signatures,
            core_depends_on_the_jdk_only,
            adapters_depend_only_on_core_transport_and_their_http_and_json_libraries,
            adapters_never_depend_on_app,
            adapters_never_depend_on_each_other,
            app_never_depends_on_an_adapter,
            guice_and_failsafe_are_used_in_app_only,
            retrofit_and_okhttp_are_used_in_adapters_and_transport_only,
            opentelemetry_is_used_in_app_only,
            only_the_sdk_setup_touches_the_opentelemetry_sdk,
            langchain4j_is_used_in_benchmarks_only,
            jdbc_and_database_drivers_are_used_in_stores_only,
            stores_depend_only_on_core_jdbc_and_their_driver,
            the_temporal_sdk_is_used_in_engine_temporal_only,
            engines_depend_only_on_core_their_engine_library_and_json,
            packages_are_free_of_cycles,
            model_ports_are_implemented_in_adapters_or_app);

    private static ArchCondition<JavaClass> onlyDependOnCoreTransportTheirOwnAdapterAndHttpJsonLibraries() {
        return new ArchCondition<>("only depend on core, transport, their own adapter and HTTP/JSON libraries") {
            @Override
            public void check(JavaClass adapterClass, ConditionEvents events) {
                String ownAdapter = adapterPackage(adapterClass.getPackageName());
                for (Dependency dependency : adapterClass.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    boolean allowed = target.startsWith("java.") || target.startsWith("javax.")
                            || target.equals("dev.detour.core") || target.startsWith("dev.detour.core.")
                            || target.equals("dev.detour.transport")
                            || target.equals(ownAdapter) || target.startsWith(ownAdapter + ".")
                            || ADAPTER_LIBRARIES.stream().anyMatch(library ->
                                    target.equals(library) || target.startsWith(library + "."));
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaMethod> notUseInternalTypesInTheirSignature() {
        return new ArchCondition<>("not use internal types in their signature") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
                        .filter(type -> type.getPackageName().contains(".internal"))
                        .forEach(type -> events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " exposes " + type.getName())));
            }
        };
    }

    private static String adapterPackage(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length >= 4 ? String.join(".", parts[0], parts[1], parts[2], parts[3]) : packageName;
    }
}
