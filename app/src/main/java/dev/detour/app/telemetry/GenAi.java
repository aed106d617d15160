package dev.detour.app.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** The attribute keys Detour's spans and metrics use: the GenAI semantic conventions' and Detour's own. */
final class GenAi {

    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> DATA_SOURCE_ID = AttributeKey.stringKey("gen_ai.data_source.id");

    static final AttributeKey<String> MODEL = AttributeKey.stringKey("detour.model");
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("detour.source");
    static final AttributeKey<Long> HITS = AttributeKey.longKey("detour.hits");
    static final AttributeKey<String> INFERENCE_PROVIDER = AttributeKey.stringKey("detour.inference_provider");
    static final AttributeKey<Long> RETRY = AttributeKey.longKey("detour.retry");
    static final AttributeKey<String> SERVED_BY = AttributeKey.stringKey("detour.served_by");
    static final AttributeKey<List<String>> FALLBACK_FROM = AttributeKey.stringArrayKey("detour.fallback_from");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("detour.attempts");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("detour.outcome");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("detour.kind");
    static final AttributeKey<String> SKIP_REASON = AttributeKey.stringKey("detour.skip_reason");
    static final AttributeKey<String> FALLBACK_TO = AttributeKey.stringKey("detour.fallback.to");
    static final AttributeKey<String> FALLBACK_FROM_ONE = AttributeKey.stringKey("detour.fallback.from");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("detour.run_id");
    static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("detour.workflow");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("detour.step");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("detour.status");
    static final AttributeKey<Long> TOKENS = AttributeKey.longKey("detour.tokens");
    static final AttributeKey<Long> MODEL_CALLS = AttributeKey.longKey("detour.model_calls");
    static final AttributeKey<Long> RECORDED_STEPS = AttributeKey.longKey("detour.recorded_steps");
    static final AttributeKey<String> BUDGET = AttributeKey.stringKey("detour.budget");

    static final String CHAT = "chat";

    private GenAi() {}
}
