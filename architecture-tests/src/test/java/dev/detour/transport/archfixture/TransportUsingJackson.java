package dev.detour.transport.archfixture;

/** Breaks "transport depends only on core and OkHttp": it parses JSON, which is an adapter's job. */
public final class TransportUsingJackson {
    Object parse(String json) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    }
}
