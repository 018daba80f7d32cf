package io.cachelet.method;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {

  enum Tier {
    GOLD
  }

  record Query(String text, int page, Map<String, String> filters) {}

  @Test
  void scalarsHaveOneReadableCanonicalForm() {
    assertThat(KeyEncoder.encode("abc")).isEqualTo("\"abc\"");
    assertThat(KeyEncoder.encode(42)).isEqualTo("42");
    assertThat(KeyEncoder.encode(42L)).isEqualTo("42");
    assertThat(KeyEncoder.encode(true)).isEqualTo("true");
    assertThat(KeyEncoder.encode(null)).isEqualTo("null");
    assertThat(KeyEncoder.encode(Tier.GOLD)).isEqualTo("\"GOLD\"");
    assertThat(KeyEncoder.encode(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
        .isEqualTo("\"123e4567-e89b-12d3-a456-426614174000\"");
    assertThat(KeyEncoder.encode(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("\"2026-01-02T03:04:05Z\"");
    assertThat(KeyEncoder.encode(LocalDate.of(2026, 1, 2))).isEqualTo("\"2026-01-02\"");
    assertThat(KeyEncoder.encode(Duration.ofMinutes(10))).isEqualTo("\"PT10M\"");
  }

  @Test
  void integersAndBooleansSkipTheTreeButKeepJacksonsText() throws Exception {
    ObjectMapper jackson = new ObjectMapper();
    List<Object> values =
        List.of(
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            -1L,
            0L,
            Integer.MIN_VALUE,
            7,
            (short) -3,
            Short.MAX_VALUE,
            (byte) -128,
            (byte) 5,
            true,
            false);
    for (Object value : values) {
      assertThat(KeyEncoder.encode(value))
          .as("%s (%s)", value, value.getClass().getSimpleName())
          .isEqualTo(jackson.writeValueAsString(jackson.valueToTree(value)));
    }
  }

  @Test
  void aStringNeverLooksLikeANumberOrNull() {
    assertThat(KeyEncoder.encode("1")).isNotEqualTo(KeyEncoder.encode(1));
    assertThat(KeyEncoder.encode("null")).isNotEqualTo(KeyEncoder.encode(null));
    assertThat(KeyEncoder.encodeAll(List.of("a,b")))
        .isNotEqualTo(KeyEncoder.encodeAll(List.of("a", "b")));
  }

  @Test
  void recordsAndMapsAreWrittenWithSortedProperties() {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("z", "1");
    filters.put("a", "2");

    assertThat(KeyEncoder.encode(new Query("drill", 2, filters)))
        .isEqualTo("{\"filters\":{\"a\":\"2\",\"z\":\"1\"},\"page\":2,\"text\":\"drill\"}")
        .isEqualTo(KeyEncoder.encode(new Query("drill", 2, new TreeMap<>(filters))));
  }

  @Test
  void listsKeepTheirOrderAndUnorderedSetsAreSorted() {
    assertThat(KeyEncoder.encode(List.of("b", "a"))).isEqualTo("[\"b\",\"a\"]");
    Set<String> one = new HashSet<>(List.of("kiwi", "apple", "fig"));
    assertThat(KeyEncoder.encode(one))
        .isEqualTo("[\"apple\",\"fig\",\"kiwi\"]")
        .isEqualTo(KeyEncoder.encode(Set.of("fig", "kiwi", "apple")));
  }

  @Test
  void severalValuesMakeAnArray() {
    assertThat(KeyEncoder.encodeAll(List.of("eu", 3))).isEqualTo("[\"eu\",3]");
    assertThat(MethodCache.key("eu", 3)).isEqualTo("[\"eu\",3]");
    assertThat(MethodCache.key("eu")).isEqualTo("\"eu\"");
  }
}
