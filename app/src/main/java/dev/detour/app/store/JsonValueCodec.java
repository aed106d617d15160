package dev.detour.app.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.detour.core.internal.Require;
import dev.detour.core.model.AttemptTarget;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.ValueCodec;

/**
 * The {@link ValueCodec} Detour stores runs with: Jackson, reading and writing records by their
 * components, with the class name of every value held as a plain {@code Object} (a step's input and
 * output, a loop's state) so it comes back as the same type, and of an attempt's target (a model or an
 * evidence source). Only Detour's and the JDK's classes are read back, never a class a stored row names
 * from elsewhere.
 */
public final class JsonValueCodec implements ValueCodec {

    /** The version of the JSON this codec writes. */
    public static final int VERSION = 1;

    private record Envelope(Object value) {}

    /** An attempt's target is written with what it is: {@code "target": {"is": "source", "name": "pubmed"}}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "is")
    @JsonSubTypes({@JsonSubTypes.Type(value = ModelRef.class, name = "model"),
            @JsonSubTypes.Type(value = SourceRef.class, name = "source")})
    private interface AttemptTargetTypes {}

    private static final PolymorphicTypeValidator DETOUR_AND_JDK_TYPES = BasicPolymorphicTypeValidator.builder()
            .allowIfSubType("dev.detour.")
            .allowIfSubType("java.lang.")
            .allowIfSubType("java.util.")
            .allowIfSubType("java.time.")
            .build();

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModules(new Jdk8Module(), new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .activateDefaultTyping(DETOUR_AND_JDK_TYPES, ObjectMapper.DefaultTyping.JAVA_LANG_OBJECT)
            .addMixIn(AttemptTarget.class, AttemptTargetTypes.class)
            .build();

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String encode(Object value) {
        Require.nonNull(value, "value");
        try {
            return mapper.writeValueAsString(new Envelope(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot be written as JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    @Override
    public Object decode(String json, int version) {
        Require.nonNull(json, "json");
        if (version > VERSION) {
            throw new IllegalArgumentException("the value was written by a newer Detour (codec version " + version
                    + "; this one reads up to " + VERSION + ")");
        }
        try {
            return mapper.readValue(json, Envelope.class).value();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored JSON cannot be read back (" + e.getOriginalMessage() + ")", e);
        }
    }
}
