package io.cachelet.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.store.StoreMemory;
import org.junit.jupiter.api.Test;

class InfoReplyTest {

  private static final String REPLY =
      "# Memory\r\n"
          + "used_memory:1048576\r\n"
          + "used_memory_human:1.00M\r\n"
          + "maxmemory:4194304\r\n"
          + "maxmemory_policy:allkeys-lru\r\n"
          + "\r\n"
          + "# Stats\r\n"
          + "evicted_keys:12\r\n"
          + "errorstat_ERR:count=3\r\n";

  @Test
  void readsUsedMaxAndEvicted() {
    assertThat(InfoReply.memoryOf(REPLY)).isEqualTo(new StoreMemory(1_048_576, 4_194_304, 12));
  }

  @Test
  void aMissingOrGarbledFigureIsNamed() {
    assertThatThrownBy(() -> InfoReply.memoryOf("used_memory:1\nmaxmemory:0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evicted_keys");
    assertThatThrownBy(() -> InfoReply.memoryOf(REPLY.replace("4194304", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxmemory")
        .hasMessageContaining("lots");
  }
}
