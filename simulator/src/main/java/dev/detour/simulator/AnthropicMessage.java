package dev.detour.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated answer in the two wire forms of Anthropic's Messages API: a {@code message} body, and the
 * named SSE events of the same answer ({@code message_start}, {@code content_block_start}, a {@code ping},
 * {@code content_block_delta}s, {@code content_block_stop}, {@code message_delta}, {@code message_stop}).
 * The content is one text block, or, for a forced tool, one {@code tool_use} block whose input it is.
 * Detour's finish reasons are written in Anthropic's words: {@code stop} as {@code end_turn} (or
 * {@code tool_use}), {@code length} as {@code max_tokens}, {@code content_filter} as {@code refusal}.
 */
record AnthropicMessage(Completion completion) {

    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] json(String finishReason) {
        ObjectNode message = head(stopReason(finishReason));
        ObjectNode block = message.putArray("content").addObject();
        if (completion.tool().isPresent()) {
            block.put("type", "tool_use").put("id", "toolu_" + completion.id()).put("name", completion.tool().get())
                    .set("input", input());
        } else {
            block.put("type", "text").put("text", completion.content());
        }
        message.putObject("usage").put("input_tokens", completion.promptTokens())
                .put("output_tokens", completion.completionTokens());
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The events before the stop reason: the message's start, its block's start, a ping, then the content in pieces. */
    List<String> contentEvents() {
        List<String> events = new ArrayList<>();
        ObjectNode start = head(null);
        start.putArray("content");
        start.putObject("usage").put("input_tokens", completion.promptTokens()).put("output_tokens", 1);
        ObjectNode started = JSON.createObjectNode().put("type", "message_start");
        started.set("message", start);
        events.add(event(started));
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        ObjectNode block = blockStart.putObject("content_block");
        if (completion.tool().isPresent()) {
            block.put("type", "tool_use").put("id", "toolu_" + completion.id()).put("name", completion.tool().get())
                    .putObject("input");
        } else {
            block.put("type", "text").put("text", "");
        }
        events.add(event(blockStart));
        events.add(event(JSON.createObjectNode().put("type", "ping")));
        for (String piece : completion.pieces()) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            if (completion.tool().isPresent()) {
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
            } else {
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
            }
            events.add(event(delta));
        }
        return events;
    }

    /** Every event of the stream, {@code message_stop} included. */
    List<String> events(String finishReason) {
        List<String> events = contentEvents();
        events.add(event(JSON.createObjectNode().put("type", "content_block_stop").put("index", 0)));
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason(finishReason)).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", completion.completionTokens());
        events.add(event(delta));
        events.add(event(JSON.createObjectNode().put("type", "message_stop")));
        return events;
    }

    private ObjectNode head(String stopReason) {
        ObjectNode message = JSON.createObjectNode().put("id", "msg_" + completion.id()).put("type", "message")
                .put("role", "assistant").put("model", completion.model());
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        return message;
    }

    private String stopReason(String finishReason) {
        return switch (finishReason) {
            case Ok.STOP -> completion.tool().isPresent() ? "tool_use" : "end_turn";
            case "length" -> "max_tokens";
            case "content_filter" -> "refusal";
            default -> finishReason;
        };
    }

    private ObjectNode input() {
        try {
            return (ObjectNode) JSON.readTree(completion.content());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the simulated tool input is not a JSON object: " + completion.content(), e);
        }
    }

    private static String event(ObjectNode data) {
        return "event: " + data.path("type").asText() + "\ndata: " + data + "\n\n";
    }
}
