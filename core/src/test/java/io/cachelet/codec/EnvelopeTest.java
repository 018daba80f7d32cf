package io.cachelet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private static final Instant STORED = Instant.parse("2026-01-01T10:00:00.123Z");
  private static final Instant FRESH_UNTIL = Instant.parse("2026-01-01T10:10:00.123Z");

  @Test
  void anEnvelopeReadsBackAsWritten() {
    Envelope envelope =
        Envelope.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), STORED, FRESH_UNTIL);
    Envelope read = Envelope.parse(envelope.toBytes());
    assertThat(read).isEqualTo(envelope);
    assertThat(read.isNull()).isFalse();
    assertThat(read.isFreshAt(FRESH_UNTIL.minusMillis(1))).isTrue();
    assertThat(read.isFreshAt(FRESH_UNTIL)).isFalse();
  }

  @Test
  void aCachedNullIsFlaggedAndHasNoPayload() {
    Envelope read = Envelope.parse(Envelope.ofNull(STORED, FRESH_UNTIL).toBytes());
    assertThat(read.isNull()).isTrue();
    assertThat(read.payload()).isEmpty();
  }

  @Test
  void bytesThatAreNotAnEnvelopeAreRefused() {
    assertThatThrownBy(
            () -> Envelope.parse("hello world, not an entry".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EntryFormatException.class);
    assertThatThrownBy(() -> Envelope.parse(new byte[0])).isInstanceOf(EntryFormatException.class);
  }

  @Test
  void anotherVersionIsRefusedNotGuessedAt() {
    byte[] bytes = Envelope.of(new byte[] {1}, STORED, FRESH_UNTIL).toBytes();
    bytes[1] = 2;
    assertThatThrownBy(() -> Envelope.parse(bytes))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void unknownFlagsAreRefused() {
    byte[] bytes = Envelope.of(new byte[] {1}, STORED, FRESH_UNTIL).toBytes();
    bytes[2] = (byte) 0x80;
    assertThatThrownBy(() -> Envelope.parse(bytes)).isInstanceOf(EntryFormatException.class);
  }

  @Test
  void aNullEntryWithAPayloadIsRefused() {
    byte[] bytes = Envelope.of(new byte[] {1}, STORED, FRESH_UNTIL).toBytes();
    bytes[2] = Envelope.FLAG_NULL;
    assertThatThrownBy(() -> Envelope.parse(bytes)).isInstanceOf(EntryFormatException.class);
  }
}
