package dev.detour.app.testing;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.ProviderType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider type that exists only in app's test code, registered in its
 * {@code src/test/resources/META-INF/services}: the proof that a third-party adapter plugs in without a line
 * of app code. Its models answer by echoing the last message after {@code prefix}; with {@code fail-first: N}
 * each model's first N calls fail as the provider being unavailable.
 */
public final class EchoProviderType implements ProviderType {

    static final Option<String> PREFIX = Option.text("prefix");
    static final Option<Long> FAIL_FIRST = Option.wholeNumber("fail-first");

    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PREFIX, FAIL_FIRST);
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(URI.create("http://127.0.0.1:9/echo"));
    }

    @Override
    public ModelProvider open(AdapterSettings settings, AdapterKey key) {
        String prefix = settings.option(PREFIX).orElse("");
        long failFirst = settings.option(FAIL_FIRST).orElse(0L);
        OPEN.add(settings.name());
        return ModelProvider.of(modelId -> echo(ModelRef.of(settings.name(), modelId), prefix, failFirst),
                () -> OPEN.remove(settings.name()));
    }

    /** Whether a provider {@code name} of this type is open: opened and not closed yet. */
    public static boolean isOpen(String name) {
        return OPEN.contains(name);
    }

    private static ModelPort echo(ModelRef model, String prefix, long failFirst) {
        AtomicLong calls = new AtomicLong();
        return (request, context) -> {
            if (calls.incrementAndGet() <= failFirst) {
                throw ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, model).httpStatus(503)
                        .detail("echo is warming up").build();
            }
            return ChatResponse.of(model, prefix + request.messages().get(request.messages().size() - 1).content(),
                    FinishReason.of("stop"), TokenUsage.NONE);
        };
    }
}
