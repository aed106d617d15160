package dev.detour.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The content of a simulated answer, the same for the same request: for plain chat, a short paragraph
 * about the prompt's subject that says it comes from the simulator; for a JSON schema, a {@link SchemaInstance};
 * for {@code json_object}, that text as {@code {"answer": …}}.
 */
final class Answers {

    private Answers() {}

    /**
     * The content answering {@code call}.
     *
     * @param answeredBy who is said to answer, such as {@code Qwen/Qwen2.5-7B-Instruct via hf-inference}
     * @param sufficient the value of a boolean property named {@code sufficient}
     */
    static String content(ChatCall call, String answeredBy, boolean sufficient) {
        return content(call, answeredBy, sufficient, SchemaInstance.ARRAY_ITEMS);
    }

    /** As {@link #content(ChatCall, String, boolean)}, with structured answers' arrays of {@code arrayItems} items. */
    static String content(ChatCall call, String answeredBy, boolean sufficient, int arrayItems) {
        if (call.schema().isPresent()) {
            return SchemaInstance.of(call.schema().get(), Prose.subject(call.prompt()), sufficient, arrayItems).toString();
        }
        String text = Prose.answer(call.prompt(), answeredBy);
        if (call.jsonObject()) {
            return JsonNodeFactory.instance.objectNode().put("answer", text).toString();
        }
        return text;
    }

    static String excerpt(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1).stripTrailing() + "…";
    }

    /** A rough token count for {@code chars} characters of English text. */
    static int tokens(int chars) {
        return Math.max(1, (chars + 3) / 4);
    }
}
