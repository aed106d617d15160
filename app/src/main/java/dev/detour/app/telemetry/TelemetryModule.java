package dev.detour.app.telemetry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;

/**
 * Binds {@link Telemetry}: over the {@link OpenTelemetry} an embedder binds in its own module
 * ({@code bind(OpenTelemetry.class).toInstance(mine)}), else over the SDK set up from the configuration's
 * {@code telemetry} section and the standard {@code OTEL_*} variables, else off.
 *
 * <p>Do not bind {@code Telemetry} yourself; bind an {@code OpenTelemetry} instead, and close it yourself.
 */
public final class TelemetryModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), OpenTelemetry.class);
    }

    @Provides
    @Singleton
    Telemetry telemetry(Optional<OpenTelemetry> bound, DetourConfig config, Environment environment) {
        if (bound.isPresent()) {
            return new Telemetry(bound.get(), config, () -> {});
        }
        return TelemetrySetup.from(config, environment);
    }
}
