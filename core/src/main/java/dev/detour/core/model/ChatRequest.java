package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What to ask a chat model: the conversation, how to generate, whether the answer must follow a
 * schema and other {@link AnswerRule rules}, and whether to stream it.
 *
 * <p>A request names no model: the {@link ModelPort} it is given to decides which model answers.
 *
 * @param messages the conversation, at least one message
 * @param options sampling and length settings
 * @param responseFormat the structured output required, if any
 * @param stream whether text should be delivered as it is generated, to the call's {@link StreamListener}
 * @param rules what the answer must meet besides, each attempt's answer checked by {@link AnswerRules}
 */
public record ChatRequest(
        List<ChatMessage> messages,
        GenerationOptions options,
        Optional<ResponseFormat> responseFormat,
        boolean stream,
        List<AnswerRule> rules) {

    public ChatRequest {
        messages = List.copyOf(Require.nonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must hold at least one message, was []");
        }
        Require.nonNull(options, "options");
        Require.nonNull(responseFormat, "responseFormat");
        rules = List.copyOf(Require.nonNull(rules, "rules"));
    }

    /** A request with no answer rules. */
    public ChatRequest(
            List<ChatMessage> messages, GenerationOptions options, Optional<ResponseFormat> responseFormat, boolean stream) {
        this(messages, options, responseFormat, stream, List.of());
    }

    /** A non-streaming request with default options and free-text output. */
    public static ChatRequest of(ChatMessage... messages) {
        Require.nonNull(messages, "messages");
        return of(Arrays.asList(messages));
    }

    /** A non-streaming request with default options and free-text output. */
    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, GenerationOptions.defaults(), Optional.empty(), false);
    }

    public ChatRequest withOptions(GenerationOptions value) {
        return new ChatRequest(messages, value, responseFormat, stream, rules);
    }

    /** This request asking for an answer that decodes into {@code format}'s record type. */
    public ChatRequest withResponseFormat(ResponseFormat value) {
        return new ChatRequest(messages, options, Optional.of(Require.nonNull(value, "responseFormat")), stream, rules);
    }

    /**
     * This request generating at most {@code tokens} output tokens (at least one): lowered to that when it asks
     * for more or names no limit, as it is when it asks for fewer.
     */
    public ChatRequest withOutputAtMost(long tokens) {
        int cap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, tokens));
        return options.maxOutputTokens().isPresent() && options.maxOutputTokens().getAsInt() <= cap
                ? this
                : withOptions(options.withMaxOutputTokens(cap));
    }

    /** This request with streaming switched on or off. */
    public ChatRequest withStream(boolean value) {
        return new ChatRequest(messages, options, responseFormat, value, rules);
    }

    /** This request with {@code rule} added to the rules its answer must meet. */
    public ChatRequest withRule(AnswerRule rule) {
        List<AnswerRule> more = new java.util.ArrayList<>(rules);
        more.add(Require.nonNull(rule, "rule"));
        return new ChatRequest(messages, options, responseFormat, stream, more);
    }

    /** This request with exactly {@code value} as its answer rules. */
    public ChatRequest withRules(List<AnswerRule> value) {
        return new ChatRequest(messages, options, responseFormat, stream, value);
    }

    @Override
    public String toString() {
        return "ChatRequest[messages=" + messages.size() + ", options=" + options
                + ", responseFormat=" + responseFormat.map(ResponseFormat::name).orElse("text")
                + ", stream=" + stream + (rules.isEmpty() ? "" : ", rules=" + rules.size()) + "]";
    }
}
