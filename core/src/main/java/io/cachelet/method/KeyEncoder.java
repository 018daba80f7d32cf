package io.cachelet.method;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * The canonical text of key values, the same on every JVM: compact JSON with object properties and
 * map entries in sorted order. Strings are quoted (so {@code "1"} and {@code 1}, {@code "null"} and
 * {@code null} differ), enums are their names, {@code java.time} values ISO-8601, UUIDs their text,
 * lists and arrays in order, sets without an order of their own sorted by their elements' text, and
 * records and beans their JSON objects. Several values make a JSON array. The store key builder
 * shortens long keys to a readable head and a hash.
 */
final class KeyEncoder {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private KeyEncoder() {}

  /** The key of one value. */
  static String encode(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Boolean) {
      // the commonest key on every hit: Jackson writes these exactly as toString() does, so the
      // tree (a TokenBuffer, a node, a generator) would be built only to give the same text
      return value.toString();
    }
    return write(node(value));
  }

  /** The key of several values, in order. */
  static String encodeAll(List<?> values) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Object value : values) {
      array.add(node(value));
    }
    return write(array);
  }

  private static JsonNode node(Object value) {
    if (value instanceof Set<?> set
        && !(set instanceof SortedSet)
        && !(set instanceof LinkedHashSet)) {
      List<JsonNode> elements = new ArrayList<>();
      for (Object element : set) {
        elements.add(node(element));
      }
      elements.sort(Comparator.comparing(KeyEncoder::write));
      ArrayNode array = MAPPER.createArrayNode();
      elements.forEach(array::add);
      return array;
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Can't make a cache key of a "
              + value.getClass().getName()
              + "; give the operation a key expression: "
              + e.getMessage(),
          e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always writes", e);
    }
  }
}
