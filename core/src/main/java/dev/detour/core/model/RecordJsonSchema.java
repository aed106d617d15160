package dev.detour.core.model;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.StringJoiner;

/**
 * Writes the JSON schema of a record type in the subset that strict structured-output modes accept:
 * every property required, no additional properties.
 */
final class RecordJsonSchema {

    private final Deque<Class<?>> path = new ArrayDeque<>();

    private RecordJsonSchema() {}

    static String of(Class<? extends Record> type) {
        return new RecordJsonSchema().objectSchema(type);
    }

    private String objectSchema(Class<?> type) {
        if (path.contains(type)) {
            throw new IllegalArgumentException("structured output type " + type.getName()
                    + " refers to itself; recursive record types have no strict JSON schema");
        }
        path.push(type);
        StringJoiner properties = new StringJoiner(",", "{", "}");
        StringJoiner required = new StringJoiner(",", "[", "]");
        for (RecordComponent component : type.getRecordComponents()) {
            String schema = valueSchema(component.getGenericType(), type.getSimpleName() + "." + component.getName());
            Description description = component.getAnnotation(Description.class);
            if (description != null) {
                schema = schema.substring(0, schema.length() - 1) + ",\"description\":" + quote(description.value()) + "}";
            }
            properties.add(quote(component.getName()) + ":" + schema);
            required.add(quote(component.getName()));
        }
        path.pop();
        String description = type.isAnnotationPresent(Description.class)
                ? ",\"description\":" + quote(type.getAnnotation(Description.class).value())
                : "";
        return "{\"type\":\"object\"" + description + ",\"properties\":" + properties + ",\"required\":" + required
                + ",\"additionalProperties\":false}";
    }

    private String valueSchema(Type type, String where) {
        if (type instanceof Class<?> raw) {
            return classSchema(raw, where);
        }
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            Type element = parameterized.getActualTypeArguments()[0];
            if (element instanceof WildcardType wildcard) {
                element = wildcard.getUpperBounds()[0];
            }
            return "{\"type\":\"array\",\"items\":" + valueSchema(element, where + "[]") + "}";
        }
        throw unsupported(type, where);
    }

    private String classSchema(Class<?> raw, String where) {
        if (raw == String.class || raw == CharSequence.class) {
            return "{\"type\":\"string\"}";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "{\"type\":\"boolean\"}";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == BigInteger.class) {
            return "{\"type\":\"integer\"}";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
            return "{\"type\":\"number\"}";
        }
        if (raw.isEnum()) {
            StringJoiner values = new StringJoiner(",", "[", "]");
            for (Object constant : raw.getEnumConstants()) {
                values.add(quote(((Enum<?>) constant).name()));
            }
            return "{\"type\":\"string\",\"enum\":" + values + "}";
        }
        if (raw.isRecord()) {
            return objectSchema(raw);
        }
        throw unsupported(raw, where);
    }

    private static IllegalArgumentException unsupported(Type type, String where) {
        return new IllegalArgumentException("structured output component " + where + " has type " + type.getTypeName()
                + ", which has no JSON schema here; use String, a number, boolean, an enum, a record or a List of those");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
