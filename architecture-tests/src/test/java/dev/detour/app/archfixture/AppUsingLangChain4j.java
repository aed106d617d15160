package dev.detour.app.archfixture;

import dev.langchain4j.archfixture.PeerChatModel;

/** Breaks "LangChain4j in benchmarks only": the product calling the peer it is measured against. */
public class AppUsingLangChain4j {

    public String ask(PeerChatModel model) {
        return model.chat("Why do tides happen?");
    }
}
