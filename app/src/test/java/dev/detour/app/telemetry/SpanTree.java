package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;

/** Reading the spans a test exported: one by name, the children of one, and every value a backend would show. */
final class SpanTree {

    private SpanTree() {}

    /** The one span named {@code name}, failing the test when there are none or several. */
    static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.get(0);
    }

    /** The children of {@code parent}, in the order they started. */
    static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
        return spans.stream().filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    /**
     * What must appear in no span: the question, both keys of {@link TelemetryRig}, and each long line of the
     * report (the answer) that names no model.
     */
    static List<String> secrets(String question, String report) {
        List<String> secrets = new ArrayList<>(List.of(question, TelemetryRig.HF_TOKEN, TelemetryRig.OPENAI_KEY));
        report.lines().map(String::strip).filter(line -> line.length() >= 24 && !line.contains("hf:")).forEach(secrets::add);
        return secrets;
    }

    /** Fails the test when one of {@code values} holds one of {@code secrets}. */
    static void assertNoneHolds(List<String> values, List<String> secrets) {
        for (String value : values) {
            for (String secret : secrets) {
                assertThat(value).doesNotContain(secret);
            }
        }
    }

    /** Every name, attribute value, event attribute value and status description of {@code spans}. */
    static List<String> everyValue(List<SpanData> spans) {
        List<String> values = new ArrayList<>();
        for (SpanData span : spans) {
            values.add(span.getName());
            values.addAll(valuesOf(span.getAttributes()));
            span.getEvents().forEach(event -> values.addAll(valuesOf(event.getAttributes())));
            values.add(span.getStatus().getDescription());
        }
        return values;
    }

    private static List<String> valuesOf(Attributes attributes) {
        List<String> values = new ArrayList<>();
        attributes.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                list.forEach(item -> values.add(String.valueOf(item)));
            } else {
                values.add(String.valueOf(value));
            }
        });
        return values;
    }
}
