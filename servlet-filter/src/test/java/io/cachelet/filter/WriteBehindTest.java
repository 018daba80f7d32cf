package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private final WriteBehind writes = new WriteBehind();
  private final List<Boolean> outcomes = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    writes.close();
  }

  static HttpEntry entry(String etag) {
    return Entries.build(
        new CanonicalKey("1:k", "h"),
        200,
        new Headers(),
        etag,
        new byte[8],
        NOW,
        Duration.ofMinutes(1),
        Set.of(),
        EntryTerms.NONE);
  }

  @Test
  void anEntryIsReadableUntilItsWriteHasLanded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    HttpEntry entry = entry("\"1\"");
    writes.submit(
        "k",
        entry,
        writes.invalidations(),
        () -> {
          await(release);
          return true;
        },
        stored -> {
          outcomes.add(stored);
          done.countDown();
        });
    assertThat(writes.pending("k")).containsSame(entry);
    release.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcomes).containsExactly(true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writes.pending("k").isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(writes.pending("k")).isEmpty();
  }

  @Test
  void whatWaitsForAWriteRunsOnlyOnceItHasEndedAndAtOnceWithoutOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch after = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    writes.submit(
        "k",
        entry("\"1\""),
        writes.invalidations(),
        () -> {
          await(release);
          order.add("write");
          return true;
        },
        stored -> {});

    writes.afterWrite(
        "k",
        () -> {
          order.add("after");
          after.countDown();
        });
    assertThat(order).isEmpty();
    release.countDown();

    assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).containsExactly("write", "after");
    writes.afterWrite("nothing-pending", () -> order.add("at once"));
    assertThat(order).containsExactly("write", "after", "at once");
  }

  @Test
  void anInvalidationDropsTheWritesNotYetStarted() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // occupy every writer, so the next write waits in the queue
    for (int i = 0; i < 4; i++) {
      writes.submit(
          "busy" + i,
          entry("\"b\""),
          writes.invalidations(),
          () -> {
            busy.countDown();
            await(release);
            return true;
          },
          stored -> {});
    }
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    writes.submit("k", entry("\"1\""), writes.invalidations(), () -> true, outcomes::add);
    writes.beforeInvalidation();
    assertThat(writes.pending("k")).isEmpty();
    release.countDown();
    writes.close();
    assertThat(outcomes).isEmpty();
  }

  @Test
  void anInvalidationWaitsForTheWritesAlreadyRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    writes.submit(
        "k",
        entry("\"1\""),
        writes.invalidations(),
        () -> {
          started.countDown();
          await(release);
          return true;
        },
        outcomes::add);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> invalidation = CompletableFuture.runAsync(writes::beforeInvalidation);
    Thread.sleep(100);
    assertThat(invalidation).isNotDone();
    release.countDown();
    invalidation.get(10, TimeUnit.SECONDS);
    assertThat(outcomes).containsExactly(true);
  }

  @Test
  void aResponseCapturedAcrossAnInvalidationIsNotWritten() {
    long before = writes.invalidations();
    writes.beforeInvalidation();
    writes.submit("k", entry("\"1\""), before, () -> true, outcomes::add);
    assertThat(writes.pending("k")).isEmpty();
    writes.close();
    assertThat(outcomes).isEmpty();
  }

  @Test
  void beyondItsBoundTheCallerWritesItself() {
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < WriteBehind.MAX_WRITES; i++) {
      writes.submit(
          "k" + i,
          entry("\"1\""),
          writes.invalidations(),
          () -> {
            await(release);
            return true;
          },
          stored -> {});
    }
    Thread caller = Thread.currentThread();
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    writes.submit(
        "last",
        entry("\"1\""),
        writes.invalidations(),
        () -> {
          ranOn.add(Thread.currentThread());
          return false;
        },
        outcomes::add);
    release.countDown();
    assertThat(ranOn).containsExactly(caller);
    assertThat(outcomes).containsExactly(false);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
