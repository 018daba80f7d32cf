package io.cachelet.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncReadThroughTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Cachelet cachelet =
      Cachelet.create(
          CacheletConfig.builder().loadWait(Duration.ofMillis(100)).build(),
          MemoryStore.create(1 << 20),
          Clock.systemUTC());
  private final Cache cache = cachelet.cache("async");
  private final JavaType string = cachelet.codec().types().constructType(String.class);
  private final LoadPolicy policy = LoadPolicy.of(Duration.ofMinutes(1));

  @AfterEach
  void close() {
    executor.shutdownNow();
    cachelet.close();
  }

  @Test
  void aWaiterWhoseLeaderNeverFinishesLoadsForItselfAfterTheLoadWait() throws Exception {
    CompletableFuture<String> hung = new CompletableFuture<>();
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> leader =
        cache.getOrLoadAsync(
            "k",
            string,
            policy,
            () -> {
              loads.incrementAndGet();
              return hung;
            },
            executor);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (loads.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }

    CompletableFuture<String> waiter =
        cache.getOrLoadAsync(
            "k",
            string,
            policy,
            () -> {
              loads.incrementAndGet();
              return CompletableFuture.completedFuture("own");
            },
            executor);

    assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("own");
    assertThat(leader).isNotDone();
    assertThat(cache.stats().waitTimeouts()).isEqualTo(1);
    assertThat(cache.get("k", String.class)).map(CachedValue::value).contains("own");
  }

  @Test
  void aFailedStageFailsTheCallerWithItsCauseAndStoresNothing() {
    CompletableFuture<String> failed =
        cache.getOrLoadAsync(
            "f",
            string,
            policy,
            () -> CompletableFuture.failedFuture(new IOException("origin down")),
            executor);

    Assertions.assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseExactlyInstanceOf(IOException.class);
    assertThat(cache.get("f", String.class)).isEmpty();
    assertThat(cache.stats().loadFailures()).isEqualTo(1);
  }
}
