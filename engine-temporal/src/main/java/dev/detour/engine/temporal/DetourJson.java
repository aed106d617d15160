package dev.detour.engine.temporal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import dev.detour.core.model.AnswerRule;
import dev.detour.core.model.AttemptTarget;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.workflow.WorkflowEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How Detour values travel through Temporal: JSON by record components, with the class name of every
 * value held as a plain {@code Object} (step inputs and outputs), of every event, answer rule and attempt
 * target, and of a structured answer, so each comes back as the same type. Only Detour's and the JDK's classes are read back.
 */
final class DetourJson {

    private static final PolymorphicTypeValidator DETOUR_AND_JDK_TYPES = BasicPolymorphicTypeValidator.builder()
            .allowIfSubType("dev.detour.")
            .allowIfSubType("java.lang.")
            .allowIfSubType("java.util.")
            .allowIfSubType("java.time.")
            .build();

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModules(new Jdk8Module(), new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .polymorphicTypeValidator(DETOUR_AND_JDK_TYPES)
            .activateDefaultTyping(DETOUR_AND_JDK_TYPES, ObjectMapper.DefaultTyping.JAVA_LANG_OBJECT)
            .addMixIn(WorkflowEvent.class, TypedByClass.class)
            .addMixIn(ChatResponse.class, StructuredByClass.class)
            .addMixIn(AnswerRule.class, TypedByClass.class)
            .addMixIn(AttemptTarget.class, TypedByClass.class)
            .build();

    /** Every payload of a Detour run: workflow input and result, activity arguments and results, queries. */
    static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance()
            .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(MAPPER));

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    private interface TypedByClass {}

    private abstract static class StructuredByClass {
        @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
        Optional<Record> structured;
    }

    private DetourJson() {}

    /** A digest of {@code value}'s JSON: equal for equal values in any process. */
    static String fingerprint(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsString(new Holder(value)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot be written as JSON ("
                    + e.getOriginalMessage() + "); step outputs on Temporal must be plain records", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private record Holder(Object value) {}
}
