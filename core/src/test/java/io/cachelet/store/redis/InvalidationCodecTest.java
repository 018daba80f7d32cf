package io.cachelet.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.store.Invalidation;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvalidationCodecTest {

  private final UUID sender = UUID.randomUUID();

  @Test
  void keysRoundTripWithTheSender() {
    Invalidation keys = Invalidation.ofKeys(List.of("app:method:prices:1", "prix-€", ""));
    InvalidationCodec.Message message =
        InvalidationCodec.decode(InvalidationCodec.encode(sender, keys));
    assertThat(message.sender()).isEqualTo(sender);
    assertThat(message.invalidation()).isEqualTo(keys);
  }

  @Test
  void aPatternRoundTrips() {
    Invalidation pattern = Invalidation.ofPattern("app:http:*");
    assertThat(InvalidationCodec.decode(InvalidationCodec.encode(sender, pattern)).invalidation())
        .isEqualTo(pattern);
  }

  @Test
  void anotherVersionATruncatedMessageAndTrailingBytesAreRefused() {
    byte[] bytes = InvalidationCodec.encode(sender, Invalidation.ofKeys(List.of("k")));
    byte[] future = bytes.clone();
    future[0] = 2;
    assertThatThrownBy(() -> InvalidationCodec.decode(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> InvalidationCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InvalidationCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InvalidationCodec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
