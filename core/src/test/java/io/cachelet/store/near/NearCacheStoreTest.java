package io.cachelet.store.near;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

import io.cachelet.store.CacheStore;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.testing.PortMethods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances over one shared store, on a hand-moved clock and an in-memory bus. */
class NearCacheStoreTest {

  private static final Duration CAP = Duration.ofSeconds(5);
  private static final Duration HOUR = Duration.ofHours(1);

  private final FakeTicker ticker = new FakeTicker();
  private final MemoryStore shared = MemoryStore.create(64L << 20, ticker);
  private final LocalBusHub hub = new LocalBusHub();
  private final NearCacheStore a = near(shared);
  private final NearCacheStore b = near(shared);

  private NearCacheStore near(CacheStore backing) {
    return NearCacheStore.create(
        new Unclosed(backing), hub.bus(), NearCacheLimits.entries(1000, CAP), ticker);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    shared.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  @Test
  void aCopyIsServedLocallyUntilTheTtlCapEvenWhenSomeoneElseChangedTheValue() {
    a.put("k", bytes("v1"), HOUR);
    assertThat(b.get("k")).isEqualTo(bytes("v1"));
    shared.put("k", bytes("foreign"), HOUR); // a writer that doesn't use Cachelet

    assertThat(b.get("k")).isEqualTo(bytes("v1"));
    ticker.advance(CAP.plusMillis(1));
    assertThat(b.get("k")).isEqualTo(bytes("foreign"));
  }

  @Test
  void aCopyNeverOutlivesTheEntrysOwnTtl() {
    a.put("short", bytes("v"), Duration.ofSeconds(1));
    assertThat(b.get("short")).isEqualTo(bytes("v"));
    ticker.advance(Duration.ofMillis(1001));
    assertThat(a.get("short")).isNull();
    assertThat(b.get("short")).isNull();
  }

  @Test
  void aCopyReadFromTheStoreLivesNoLongerThanTheEntryHasLeft() {
    shared.put("k", bytes("v"), Duration.ofSeconds(2));
    ticker.advance(Duration.ofMillis(1500));
    assertThat(b.get("k")).isEqualTo(bytes("v"));
    ticker.advance(Duration.ofMillis(501));
    assertThat(b.get("k")).isNull();
  }

  @Test
  void aWriteOnOneInstanceDropsTheCopyOnTheOther() {
    a.put("k", bytes("v1"), HOUR);
    assertThat(b.get("k")).isEqualTo(bytes("v1"));
    a.put("k", bytes("v2"), HOUR);
    assertThat(b.get("k")).isEqualTo(bytes("v2"));
    a.delete("k");
    assertThat(b.get("k")).isNull();
  }

  @Test
  void everyKindOfChangeIsPublished() {
    shared.put("lock", bytes("token"), HOUR);
    shared.put("n", bytes("1"), HOUR);
    shared.put("x", bytes("x"), HOUR);
    shared.put("y", bytes("y"), HOUR);
    List.of("lock", "n", "x", "y").forEach(b::get);

    a.deleteIfEquals("lock", bytes("token"));
    a.increment("n", 1);
    a.deleteAll(List.of("x", "y"));

    assertThat(b.get("lock")).isNull();
    assertThat(b.get("n")).isEqualTo(bytes("2"));
    assertThat(b.get("x")).isNull();
    assertThat(b.stats().invalidations()).isEqualTo(3);
  }

  @Test
  void aClearDropsTheMatchingCopiesOnEveryInstance() {
    a.putAll(Map.of("users:1", bytes("u1"), "users:2", bytes("u2"), "orders:1", bytes("o")), HOUR);
    List.of("users:1", "users:2", "orders:1").forEach(b::get);

    assertThat(a.clear("users:*")).isEqualTo(2);

    assertThat(b.get("users:1")).isNull();
    assertThat(a.get("users:2")).isNull();
    long hitsBefore = b.stats().hits();
    assertThat(b.get("orders:1")).isEqualTo(bytes("o"));
    assertThat(b.stats().hits()).isEqualTo(hitsBefore + 1);
  }

  @Test
  void theWriterKeepsItsOwnCopyBecauseItsEchoIsIgnored() {
    a.put("k", bytes("v"), HOUR);
    assertThat(a.get("k")).isEqualTo(bytes("v"));
    assertThat(a.stats().hits()).isEqualTo(1);
    assertThat(a.stats().invalidations()).isZero();
  }

  @Test
  void aResubscriptionDropsEveryCopy() {
    a.put("k", bytes("v"), HOUR);
    b.get("k");
    long resyncs = b.stats().resyncs();

    hub.resyncAll();

    assertThat(b.stats().resyncs()).isEqualTo(resyncs + 1);
    assertThat(b.stats().size()).isZero();
  }

  @Test
  void theStoreRecoveringDropsEveryCopy() {
    a.put("k", bytes("v"), HOUR);
    a.storeRecovered();
    assertThat(a.stats().size()).isZero();
    a.get("k");
    assertThat(a.stats().misses()).isEqualTo(1);
  }

  @Test
  void whileTheStoreIsDownCopiesAreServedWithinTheirCap() {
    MemoryStore backing = spy(MemoryStore.create(1 << 20, ticker));
    try (NearCacheStore near = near(backing)) {
      near.put("k", bytes("v"), HOUR);
      // down, as the resilient store reports it: reads are misses, writes are dropped
      doReturn(null).when(backing).get(anyString());
      doNothing()
          .when(backing)
          .put(anyString(), org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());

      assertThat(near.get("k")).isEqualTo(bytes("v"));
      ticker.advance(CAP.plusMillis(1));
      assertThat(near.get("k")).isNull();
    } finally {
      backing.close();
    }
  }

  @Test
  void aValueReadWhileAnInvalidationArrivesIsNotKept() {
    MemoryStore backing = spy(MemoryStore.create(1 << 20, ticker));
    try (NearCacheStore reader = near(backing);
        NearCacheStore writer = near(backing)) {
      backing.put("k", bytes("old"), HOUR);
      // the reader's GET returns "old"; before it can keep a copy, the writer's change lands
      doAnswer(
              call -> {
                byte[] read = (byte[]) call.callRealMethod();
                doAnswer(inner -> inner.callRealMethod()).when(backing).get("k");
                writer.put("k", bytes("new"), HOUR);
                return read;
              })
          .when(backing)
          .get("k");

      assertThat(reader.get("k")).isEqualTo(bytes("old"));
      assertThat(reader.get("k")).isEqualTo(bytes("new"));
    } finally {
      backing.close();
    }
  }

  @Test
  void boundedByBytesTheCacheEvictsInsteadOfGrowing() {
    try (NearCacheStore small =
        NearCacheStore.create(
            new Unclosed(shared), hub.bus(), NearCacheLimits.bytes(10_000, CAP), ticker)) {
      for (int i = 0; i < 100; i++) {
        small.put("big:" + i, new byte[1000], HOUR);
      }
      assertThat(small.stats().size()).isLessThanOrEqualTo(10);
      assertThat(small.get("big:0")).hasSize(1000);
    }
  }

  @Test
  void getAllServesCopiesAndAsksTheStoreForTheRest() {
    a.put("a", bytes("A"), HOUR);
    shared.put("b", bytes("B"), HOUR);
    Map<String, byte[]> found = a.getAll(List.of("a", "b", "c"));
    assertThat(found).containsOnlyKeys("a", "b");
    assertThat(a.stats().hits()).isEqualTo(1);
    assertThat(a.stats().misses()).isEqualTo(2);
  }

  @Test
  void getAllKeepsCopiesOfWhatItReadsSoTheNextReadStaysLocal() {
    // the filter reads each entry (a head key and a body key) with one getAll, never with get
    shared.put("head", bytes("H"), HOUR);
    shared.put("body", bytes("B"), Duration.ofSeconds(2));
    assertThat(b.getAll(List.of("head", "body"))).containsOnlyKeys("head", "body");
    shared.put("head", bytes("foreign"), HOUR); // a writer that doesn't use Cachelet

    Map<String, byte[]> again = b.getAll(List.of("head", "body"));

    assertThat(again.get("head")).isEqualTo(bytes("H"));
    assertThat(b.stats().hits()).isEqualTo(2);
    ticker.advance(Duration.ofMillis(2001)); // a copy lives no longer than the entry has left
    assertThat(b.getAll(List.of("head", "body"))).containsOnlyKeys("head");
  }

  @Test
  void aCopyKeptByGetAllIsDroppedByAWriteOnAnotherInstance() {
    a.put("k", bytes("v1"), HOUR);
    assertThat(b.getAll(List.of("k")).get("k")).isEqualTo(bytes("v1"));

    a.put("k", bytes("v2"), HOUR);

    assertThat(b.getAll(List.of("k")).get("k")).isEqualTo(bytes("v2"));
  }

  @Test
  void onlyReadsOfWhatIsNeverCopiedAndTheStoreBehindsOwnFiguresPassStraightThrough() {
    // a write added to the port would otherwise skip dropping copies and telling other instances
    assertThat(PortMethods.notDeclaredBy(NearCacheStore.class))
        .containsExactlyInAnyOrder(
            "ttl",
            "setMembers",
            "scan",
            "ping",
            "backend",
            "poolStats",
            "health",
            "failures",
            "breakerState",
            "memory",
            "addStateListener");
  }
}
