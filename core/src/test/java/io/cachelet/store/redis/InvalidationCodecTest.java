package io.cachelet.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.store.Invalidation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvalidationCodecTest {

  private final UUID sender = UUID.randomUUID();
  private final Instant sentAt = Instant.parse("2026-12-06T12:00:00.123Z");

  @Test
  void keysRoundTripWithTheSenderAndTheTime() {
    Invalidation keys = Invalidation.ofKeys(List.of("app:method:prices:1", "prix-€", ""));
    InvalidationCodec.Message message =
        InvalidationCodec.decode(InvalidationCodec.encode(sender, sentAt, keys));
    assertThat(message.sender()).isEqualTo(sender);
    assertThat(message.sentAt()).contains(sentAt);
    assertThat(message.invalidation()).isEqualTo(keys);
  }

  @Test
  void aPatternRoundTrips() {
    Invalidation pattern = Invalidation.ofPattern("app:http:*");
    assertThat(
            InvalidationCodec.decode(InvalidationCodec.encode(sender, sentAt, pattern))
                .invalidation())
        .isEqualTo(pattern);
  }

  @Test
  void aVersionOneMessageFromAnInstanceNotYetUpgradedIsReadWithoutATime() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeLong(sender.getMostSignificantBits());
      out.writeLong(sender.getLeastSignificantBits());
      out.writeByte('K');
      out.writeInt(1);
      out.writeInt(1);
      out.write('k');
    }

    InvalidationCodec.Message message = InvalidationCodec.decode(bytes.toByteArray());

    assertThat(message.sender()).isEqualTo(sender);
    assertThat(message.sentAt()).isEmpty();
    assertThat(message.invalidation()).isEqualTo(Invalidation.ofKeys(List.of("k")));
  }

  @Test
  void anotherVersionATruncatedMessageAndTrailingBytesAreRefused() {
    byte[] bytes = InvalidationCodec.encode(sender, sentAt, Invalidation.ofKeys(List.of("k")));
    byte[] future = bytes.clone();
    future[0] = 3;
    assertThatThrownBy(() -> InvalidationCodec.decode(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 3");
    assertThatThrownBy(() -> InvalidationCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InvalidationCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InvalidationCodec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
