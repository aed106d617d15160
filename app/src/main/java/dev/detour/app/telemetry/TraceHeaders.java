package dev.detour.app.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A context's trace as W3C Trace Context headers ({@code traceparent}, {@code tracestate}) and back: nothing else
 * of a context, baggage included, goes into them.
 */
final class TraceHeaders {

    private TraceHeaders() {}

    /** The headers naming {@code context}'s span; empty when it has none. */
    static Map<String, String> of(Context context) {
        Map<String, String> headers = new LinkedHashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, headers, Setter.INSTANCE);
        return headers;
    }

    /** A context whose span is the remote one {@code headers} name, or the root context when they name none. */
    static Context context(Map<String, String> headers) {
        return headers.isEmpty() ? Context.root() : context(headers::get);
    }

    /** A context whose span is the remote one named by the headers {@code header} looks up, else the root context. */
    static Context context(UnaryOperator<String> header) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), header, Getter.INSTANCE);
    }

    /** Writes a propagator's fields into a map of headers. */
    private enum Setter implements TextMapSetter<Map<String, String>> {
        INSTANCE;

        @Override
        public void set(Map<String, String> carrier, String key, String value) {
            if (carrier != null) {
                carrier.put(key, value);
            }
        }
    }

    /** Reads a propagator's fields through a lookup of headers by name. */
    private enum Getter implements TextMapGetter<UnaryOperator<String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
            return W3CTraceContextPropagator.getInstance().fields();
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    }
}
