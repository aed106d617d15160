package dev.detour.store.sqlite;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.detour.core.model.AttemptTarget;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.ValueCodec;

/**
 * The tests' {@link ValueCodec}: Jackson with class names for every value held as an {@code Object}, and
 * with what an attempt's target is (a model or a source).
 * The app's codec is the one Detour ships; this one only lets the store's tests stand on their own.
 */
final class TestCodec implements ValueCodec {

    private record Holder(Object value) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "is")
    @JsonSubTypes({@JsonSubTypes.Type(value = ModelRef.class, name = "model"),
            @JsonSubTypes.Type(value = SourceRef.class, name = "source")})
    private interface AttemptTargetTypes {}

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModules(new Jdk8Module(), new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.JAVA_LANG_OBJECT)
            .addMixIn(AttemptTarget.class, AttemptTargetTypes.class)
            .build();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(new Holder(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object decode(String json, int version) {
        try {
            return mapper.readValue(json, Holder.class).value();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
