package dev.detour.adapters.huggingface.archfixture;

/** A Hugging Face adapter class that another adapter must not use. */
public class HuggingFaceWireFormat {

    public String name() {
        return "hf";
    }
}
