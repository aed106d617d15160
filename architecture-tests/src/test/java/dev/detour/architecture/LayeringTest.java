package dev.detour.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks DESIGN.md's layering rules against the compiled main classes of every module. */
@AnalyzeClasses(packages = "dev.detour", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule core_depends_on_the_jdk_only = DetourArchitecture.core_depends_on_the_jdk_only;

    @ArchTest
    static final ArchRule adapters_depend_only_on_core_transport_and_their_http_and_json_libraries =
            DetourArchitecture.adapters_depend_only_on_core_transport_and_their_http_and_json_libraries;

    @ArchTest
    static final ArchRule adapters_never_depend_on_app = DetourArchitecture.adapters_never_depend_on_app;

    @ArchTest
    static final ArchRule adapters_never_depend_on_each_other =
            DetourArchitecture.adapters_never_depend_on_each_other;

    @ArchTest
    static final ArchRule app_never_depends_on_an_adapter = DetourArchitecture.app_never_depends_on_an_adapter;

    @ArchTest
    static final ArchRule guice_and_failsafe_are_used_in_app_only = DetourArchitecture.guice_and_failsafe_are_used_in_app_only;

    @ArchTest
    static final ArchRule retrofit_and_okhttp_are_used_in_adapters_and_transport_only =
            DetourArchitecture.retrofit_and_okhttp_are_used_in_adapters_and_transport_only;

    @ArchTest
    static final ArchRule opentelemetry_is_used_in_app_only = DetourArchitecture.opentelemetry_is_used_in_app_only;

    @ArchTest
    static final ArchRule only_the_sdk_setup_touches_the_opentelemetry_sdk =
            DetourArchitecture.only_the_sdk_setup_touches_the_opentelemetry_sdk;

    @ArchTest
    static final ArchRule jdbc_and_database_drivers_are_used_in_stores_only =
            DetourArchitecture.jdbc_and_database_drivers_are_used_in_stores_only;

    @ArchTest
    static final ArchRule stores_depend_only_on_core_jdbc_and_their_driver =
            DetourArchitecture.stores_depend_only_on_core_jdbc_and_their_driver;

    @ArchTest
    static final ArchRule the_temporal_sdk_is_used_in_engine_temporal_only =
            DetourArchitecture.the_temporal_sdk_is_used_in_engine_temporal_only;

    @ArchTest
    static final ArchRule engines_depend_only_on_core_their_engine_library_and_json =
            DetourArchitecture.engines_depend_only_on_core_their_engine_library_and_json;

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = DetourArchitecture.packages_are_free_of_cycles;

    @ArchTest
    static final ArchRule model_ports_are_implemented_in_adapters_or_app =
            DetourArchitecture.model_ports_are_implemented_in_adapters_or_app;

    @ArchTest
    static final ArchRule transport_depends_only_on_core_and_okhttp =
            DetourArchitecture.transport_depends_only_on_core_and_okhttp;

    @ArchTest
    static final ArchRule the_simulator_depends_only_on_core_jackson_and_the_jdk_http_server =
            DetourArchitecture.the_simulator_depends_only_on_core_jackson_and_the_jdk_http_server;

    @ArchTest
    static final ArchRule standard_output_is_written_by_the_cli_only =
            DetourArchitecture.standard_output_is_written_by_the_cli_only;

    @ArchTest
    static final ArchRule no_field_injection = DetourArchitecture.no_field_injection;

    @ArchTest
    static final ArchRule internal_types_stay_out_of_public_signatures =
            DetourArchitecture.internal_types_stay_out_of_public_signatures;
}
