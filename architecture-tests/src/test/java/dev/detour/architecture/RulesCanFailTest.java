package dev.detour.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.detour.adapters.huggingface.archfixture.HuggingFaceAdapterUsingApp;
import dev.detour.adapters.huggingface.archfixture.HuggingFaceWireFormat;
import dev.detour.adapters.openai.archfixture.OpenAiAdapterUsingGuice;
import dev.detour.adapters.openai.archfixture.OpenAiAdapterUsingHuggingFace;
import dev.detour.app.archfixture.AppFieldInjection;
import dev.detour.app.archfixture.AppUsingAnAdapter;
import dev.detour.app.archfixture.AppUsingJdbc;
import dev.detour.app.archfixture.AppUsingLangChain4j;
import dev.detour.app.archfixture.AppUsingRetrofit;
import dev.detour.app.archfixture.AppUsingTemporal;
import dev.detour.app.archfixture.AppUsingTheOpenTelemetrySdk;
import dev.detour.app.archfixture.AppWiring;
import dev.detour.archfixture.cycle.a.CycleStart;
import dev.detour.archfixture.cycle.b.CycleEnd;
import dev.detour.core.archfixture.CoreModelPortImplementation;
import dev.detour.core.archfixture.CorePrinting;
import dev.detour.core.archfixture.CoreUsingFailsafe;
import dev.detour.core.archfixture.CoreUsingOpenTelemetry;
import dev.detour.core.archfixture.CoreUsingSqlite;
import dev.detour.engine.temporal.archfixture.EngineUsingApp;
import dev.detour.simulator.archfixture.SimulatorUsingOkHttp;
import dev.detour.store.sqlite.archfixture.StoreUsingApp;
import dev.detour.transport.archfixture.TransportExposingInternal;
import dev.detour.transport.archfixture.TransportUsingJackson;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every layering rule can fail: each is evaluated against a fixture class (in these test
 * sources) that breaks it on purpose, and must report that class.
 */
class RulesCanFailTest {

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(DetourArchitecture.transport_depends_only_on_core_and_okhttp,
                        TransportUsingJackson.class, List.of()),
                Arguments.of(DetourArchitecture.the_simulator_depends_only_on_core_jackson_and_the_jdk_http_server,
                        SimulatorUsingOkHttp.class, List.of()),
                Arguments.of(DetourArchitecture.standard_output_is_written_by_the_cli_only, CorePrinting.class, List.of()),
                Arguments.of(DetourArchitecture.no_field_injection, AppFieldInjection.class, List.<Class<?>>of(AppWiring.class)),
                Arguments.of(DetourArchitecture.internal_types_stay_out_of_public_signatures,
                        TransportExposingInternal.class, List.of()),
                Arguments.of(DetourArchitecture.core_depends_on_the_jdk_only, CoreUsingFailsafe.class, List.of()),
                Arguments.of(DetourArchitecture.adapters_depend_only_on_core_transport_and_their_http_and_json_libraries,
                        OpenAiAdapterUsingHuggingFace.class, List.<Class<?>>of(HuggingFaceWireFormat.class)),
                Arguments.of(DetourArchitecture.adapters_never_depend_on_app,
                        HuggingFaceAdapterUsingApp.class, List.<Class<?>>of(AppWiring.class)),
                Arguments.of(DetourArchitecture.adapters_never_depend_on_each_other,
                        OpenAiAdapterUsingHuggingFace.class, List.<Class<?>>of(HuggingFaceWireFormat.class)),
                Arguments.of(DetourArchitecture.app_never_depends_on_an_adapter,
                        AppUsingAnAdapter.class, List.<Class<?>>of(HuggingFaceWireFormat.class)),
                Arguments.of(DetourArchitecture.guice_and_failsafe_are_used_in_app_only,
                        OpenAiAdapterUsingGuice.class, List.of()),
                Arguments.of(DetourArchitecture.guice_and_failsafe_are_used_in_app_only,
                        CoreUsingFailsafe.class, List.of()),
                Arguments.of(DetourArchitecture.retrofit_and_okhttp_are_used_in_adapters_and_transport_only,
                        AppUsingRetrofit.class, List.of()),
                Arguments.of(DetourArchitecture.opentelemetry_is_used_in_app_only,
                        CoreUsingOpenTelemetry.class, List.of()),
                Arguments.of(DetourArchitecture.only_the_sdk_setup_touches_the_opentelemetry_sdk,
                        AppUsingTheOpenTelemetrySdk.class, List.of()),
                Arguments.of(DetourArchitecture.jdbc_and_database_drivers_are_used_in_stores_only,
                        AppUsingJdbc.class, List.of()),
                Arguments.of(DetourArchitecture.langchain4j_is_used_in_benchmarks_only,
                        AppUsingLangChain4j.class, List.of()),
                Arguments.of(DetourArchitecture.jdbc_and_database_drivers_are_used_in_stores_only,
                        CoreUsingSqlite.class, List.of()),
                Arguments.of(DetourArchitecture.core_depends_on_the_jdk_only, CoreUsingSqlite.class, List.of()),
                Arguments.of(DetourArchitecture.stores_depend_only_on_core_jdbc_and_their_driver,
                        StoreUsingApp.class, List.<Class<?>>of(AppWiring.class)),
                Arguments.of(DetourArchitecture.the_temporal_sdk_is_used_in_engine_temporal_only,
                        AppUsingTemporal.class, List.of()),
                Arguments.of(DetourArchitecture.engines_depend_only_on_core_their_engine_library_and_json,
                        EngineUsingApp.class, List.<Class<?>>of(AppWiring.class)),
                Arguments.of(DetourArchitecture.packages_are_free_of_cycles,
                        CycleStart.class, List.<Class<?>>of(CycleEnd.class)),
                Arguments.of(DetourArchitecture.model_ports_are_implemented_in_adapters_or_app,
                        CoreModelPortImplementation.class, List.of()));
    }

    @ParameterizedTest(name = "{0} reports {1}")
    @MethodSource("violations")
    void reportsAClassThatBreaksIt(ArchRule rule, Class<?> violator, List<Class<?>> companions) {
        JavaClasses classes = new ClassFileImporter().importClasses(Stream
                .concat(Stream.of(violator), companions.stream()).toArray(Class<?>[]::new));

        EvaluationResult result = rule.evaluate(classes);

        assertThat(result.hasViolation()).as("%s must report %s", rule.getDescription(), violator.getName()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(violator.getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void everyRuleHasAFixtureThatBreaksIt(ArchRule rule) {
        assertThat(violations().map(arguments -> arguments.get()[0])).contains(rule);
    }

    static Stream<ArchRule> everyRule() {
        return DetourArchitecture.ALL.stream();
    }
}
