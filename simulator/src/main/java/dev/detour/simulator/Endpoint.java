package dev.detour.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which chat endpoint a path names: Anthropic's Messages API {@code /anthropic/v1/messages}, OpenAI's
 * {@code /openai/v1/chat/completions}, the
 * router's {@code /hf/v1/chat/completions}, or a legacy per-provider path {@code /hf/<provider>/…/chat/completions}
 * such as {@code /hf/novita/v3/openai/chat/completions} or
 * {@code /hf/hf-inference/models/<org>/<name>/v1/chat/completions}, which also names the model.
 */
record Endpoint(Surface surface, Optional<String> provider, Optional<String> model) {

    static final String OPENAI_ROOT = "/openai/v1";
    static final String HF_ROOT = "/hf";
    static final String ANTHROPIC_ROOT = "/anthropic";

    private static final List<String> CHAT = List.of("chat", "completions");

    static Optional<Endpoint> of(String path) {
        if (path.equals(ANTHROPIC_ROOT + "/v1/messages")) {
            return Optional.of(new Endpoint(Surface.ANTHROPIC, Optional.empty(), Optional.empty()));
        }
        if (path.equals(OPENAI_ROOT + "/chat/completions")) {
            return Optional.of(new Endpoint(Surface.OPENAI, Optional.empty(), Optional.empty()));
        }
        if (!path.startsWith(HF_ROOT + "/")) {
            return Optional.empty();
        }
        List<String> segments = Arrays.asList(path.substring(HF_ROOT.length() + 1).split("/", -1));
        if (segments.size() < 3 || !segments.subList(segments.size() - 2, segments.size()).equals(CHAT)
                || segments.contains("")) {
            return Optional.empty();
        }
        if (segments.size() == 3 && segments.getFirst().equals("v1")) {
            return Optional.of(new Endpoint(Surface.HUGGING_FACE, Optional.empty(), Optional.empty()));
        }
        Optional<String> model = Optional.empty();
        int models = segments.indexOf("models");
        int v1 = segments.lastIndexOf("v1");
        if (models == 1 && v1 > models + 1 && v1 == segments.size() - 3) {
            model = Optional.of(String.join("/", segments.subList(models + 1, v1)));
        }
        return Optional.of(new Endpoint(Surface.HUGGING_FACE, Optional.of(segments.getFirst()), model));
    }

    /**
     * The model a request to this endpoint asks for, as scenarios name it.
     *
     * @throws IllegalArgumentException when neither the path nor the body names a model
     */
    ModelKey key(Optional<String> bodyModel) {
        Optional<String> id = model.or(() -> bodyModel);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("'model' is required");
        }
        if (provider.isPresent()) {
            return new ModelKey(surface, id.get(), provider);
        }
        return ModelKey.of(surface, id.get());
    }
}
