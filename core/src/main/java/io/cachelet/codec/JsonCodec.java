package io.cachelet.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;

/**
 * JSON through Jackson, strict on the way in.
 *
 * <p>No default typing is enabled and the polymorphic type validator allows no class at all, so not
 * even a {@code @JsonTypeInfo(use = CLASS)} on an application class lets stored bytes name the
 * class to instantiate (the gadget-chain attacks on cached JSON). Reading is strict — unknown or
 * missing properties and trailing data fail — so an entry written before a class changed becomes a
 * miss instead of a half-filled object. Properties and map entries are written in sorted order, so
 * equal values give equal bytes.
 */
final class JsonCodec implements ValueCodec {

  static final JsonCodec INSTANCE = new JsonCodec();

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private JsonCodec() {}

  @Override
  public byte[] encode(Object value, JavaType type) {
    Objects.requireNonNull(value, "value: a cached null is marked by the envelope");
    try {
      return mapper.writerFor(type).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Can't write a "
              + value.getClass().getName()
              + " as JSON for "
              + type
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public Object decode(byte[] payload, JavaType type) {
    try {
      // the mapper reads with its own configuration, as readerFor(type) would, without building
      // a new ObjectReader on every hit
      return mapper.readValue(payload, type);
    } catch (IOException e) {
      throw new EntryFormatException(
          "Stored JSON can't be read as " + type + ": " + e.getMessage(), e);
    }
  }

  @Override
  public TypeFactory types() {
    return mapper.getTypeFactory();
  }
}
