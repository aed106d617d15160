package dev.detour.simulator;

/** The wire format a request arrived in, named by the prefix scenarios use for its models. */
enum Surface {
    HUGGING_FACE("hf"),
    OPENAI("openai"),
    ANTHROPIC("anthropic");

    private final String prefix;

    Surface(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }
}
