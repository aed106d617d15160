package dev.detour.core.archfixture;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;

/** Breaks "ModelPort implementations live in an adapter or in app": a port implemented in core. */
public class CoreModelPortImplementation implements ModelPort {

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        throw new UnsupportedOperationException("fixture");
    }
}
