package dev.detour.adapters.openai.archfixture;

import dev.detour.adapters.huggingface.archfixture.HuggingFaceWireFormat;

/** Breaks "adapters never depend on each other": the OpenAI adapter reusing a Hugging Face class. */
public class OpenAiAdapterUsingHuggingFace {

    public String format() {
        return new HuggingFaceWireFormat().name();
    }
}
