package dev.detour.app.telemetry;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.TelemetryConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.ResearchRunner;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM's main for {@link TelemetryOffTest}: builds the whole Guice graph, with telemetry off, or with an
 * OTLP exporter when the first argument is {@code otlp}, and exits.
 */
public final class OffTelemetryMain {

    private OffTelemetryMain() {}

    public static void main(String[] args) {
        DetourConfig config = new DetourConfig(
                Map.of("local", new ProviderConfig("local", "openai", URI.create("http://127.0.0.1:9/v1"),
                        Optional.empty(), false, Map.of())),
                List.of(ModelRef.of("local", "llama3")), ResilienceConfig.defaults(), WorkflowConfig.defaults(),
                "telemetry off test");
        if (args.length > 0 && args[0].equals("otlp")) {
            config = config.withTelemetry(TelemetryConfig.otlp(URI.create("http://127.0.0.1:9"), "http/protobuf"));
        }
        Injector injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of())));
        injector.getInstance(ModelPort.class);
        injector.getInstance(ResearchRunner.class);
        Telemetry telemetry = injector.getInstance(Telemetry.class);
        injector.getInstance(Providers.class).close();
        System.out.println("telemetry " + (telemetry.enabled() ? "on" : "off"));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
