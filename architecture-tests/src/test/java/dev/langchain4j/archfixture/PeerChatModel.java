package dev.langchain4j.archfixture;

/** Stands in for a LangChain4j class (the library itself is on the benchmarks' class path only). */
public class PeerChatModel {

    public String chat(String prompt) {
        return prompt;
    }
}
