package io.cachelet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  record Price(BigDecimal amount, String currency) {}

  record Product(UUID id, String name, List<String> tags, Price price, LocalDate since) {}

  record Audit(Instant at, OffsetDateTime local, Optional<String> note) {}

  private final ValueCodec codec = ValueCodec.json();

  private <T> T roundTrip(T value, JavaType type) {
    @SuppressWarnings("unchecked")
    T read = (T) codec.decode(codec.encode(value, type), type);
    return read;
  }

  private JavaType type(TypeReference<?> reference) {
    return codec.types().constructType(reference);
  }

  @Test
  void aListOfRecordsRoundTrips() {
    List<Product> products =
        List.of(
            new Product(
                UUID.randomUUID(),
                "Kettle",
                List.of("kitchen"),
                new Price(new BigDecimal("19.90"), "EUR"),
                LocalDate.of(2024, 2, 29)),
            new Product(UUID.randomUUID(), "Mug", List.of(), null, null));
    assertThat(roundTrip(products, type(new TypeReference<List<Product>>() {})))
        .isEqualTo(products);
  }

  @Test
  void aMapOfRecordsRoundTrips() {
    Map<String, Price> prices =
        Map.of("a", new Price(BigDecimal.ONE, "EUR"), "b", new Price(BigDecimal.TEN, "USD"));
    assertThat(roundTrip(prices, type(new TypeReference<Map<String, Price>>() {})))
        .isEqualTo(prices);
  }

  @Test
  void javaTimeAndOptionalRoundTrip() {
    Audit audit =
        new Audit(
            Instant.parse("2026-03-01T12:00:00.123456Z"),
            OffsetDateTime.of(2026, 3, 1, 13, 0, 0, 0, ZoneOffset.ofHours(1)),
            Optional.of("checked"));
    assertThat(roundTrip(audit, codec.types().constructType(Audit.class))).isEqualTo(audit);
    Audit empty = new Audit(audit.at(), audit.local(), Optional.empty());
    assertThat(roundTrip(empty, codec.types().constructType(Audit.class))).isEqualTo(empty);
  }

  @Test
  void anEmptyOptionalIsAValue() {
    JavaType optional = type(new TypeReference<Optional<Price>>() {});
    assertThat(roundTrip(Optional.empty(), optional)).isEqualTo(Optional.empty());
  }

  @Test
  void propertiesAreWrittenInSortedOrder() {
    String json =
        new String(
            codec.encode(
                new Price(BigDecimal.ONE, "EUR"), codec.types().constructType(Price.class)),
            StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"amount\":1,\"currency\":\"EUR\"}");
  }

  @Test
  void aPayloadForAnotherShapeIsAFormatErrorNotAHalfFilledObject() {
    byte[] old = "{\"amount\":1,\"currency\":\"EUR\",\"vat\":0.2}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decode(old, codec.types().constructType(Price.class)))
        .isInstanceOf(EntryFormatException.class);
    byte[] missing = "{\"amount\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decode(missing, codec.types().constructType(Price.class)))
        .isInstanceOf(EntryFormatException.class);
  }

  @Test
  void garbageIsAFormatError() {
    assertThatThrownBy(
            () ->
                codec.decode(
                    new byte[] {(byte) 0xCA, 0, 1, 2}, codec.types().constructType(Price.class)))
        .isInstanceOf(EntryFormatException.class);
  }

  /** A type that would let stored JSON name a class, were class-name typing allowed. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  public static class Shape {
    public String name;
  }

  @Test
  void storedBytesCanNotChooseTheClassToInstantiate() {
    byte[] hostile =
        "{\"@class\":\"java.lang.ProcessBuilder\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decode(hostile, codec.types().constructType(Shape.class)))
        .isInstanceOf(EntryFormatException.class);
    byte[] asObject = "[\"java.net.URL\",\"http://x\"]".getBytes(StandardCharsets.UTF_8);
    Object read = codec.decode(asObject, codec.types().constructType(Object.class));
    assertThat(read).isInstanceOf(List.class);
  }
}
