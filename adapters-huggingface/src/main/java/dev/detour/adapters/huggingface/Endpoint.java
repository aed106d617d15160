package dev.detour.adapters.huggingface;

import dev.detour.core.internal.Require;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Where one model's requests go and which model id their body names: the OpenAI-compatible
 * {@code /v1/chat/completions} with the whole id, or, for a provider configured with a legacy route,
 * {@code /<provider><route>} with the repository id alone, each of its parts one encoded path segment, so no id
 * can change the route's structure.
 */
record Endpoint(HttpUrl url, String bodyModel) {

    private static final String CHAT_COMPLETIONS = "v1/chat/completions";

    Endpoint {
        Require.nonNull(url, "url");
        Require.nonBlank(bodyModel, "bodyModel");
    }

    static Endpoint of(HttpUrl baseUrl, HfModelId model, Map<String, String> providerRoutes) {
        String provider = model.pinnedProvider().orElse(null);
        String route = provider == null ? null : providerRoutes.get(provider);
        if (route == null) {
            return new Endpoint(baseUrl.newBuilder().addPathSegments(CHAT_COMPLETIONS).build(), model.toString());
        }
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment(provider);
        for (String segment : route.substring(1).split("/")) {
            if (segment.equals(HuggingFaceSettings.MODEL_PLACEHOLDER)) {
                for (String part : model.repository().split("/", -1)) {
                    url.addPathSegment(part);
                }
            } else {
                url.addPathSegment(segment);
            }
        }
        return new Endpoint(url.build(), model.repository());
    }
}
