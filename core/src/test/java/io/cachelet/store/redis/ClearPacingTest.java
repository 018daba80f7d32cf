package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.resps.ScanResult;

/** How a clear spaces its steps, on a fake clock: no Redis, no real waiting. */
class ClearPacingTest {

  private static final long MS = 1_000_000;

  @ParameterizedTest(name = "a step of {0} ns is followed by a rest of {1} ns")
  @CsvSource({
    "0, 0",
    "-5, 0", // a clock that went backwards does not make a negative rest
    "1, 1",
    "700000, 700000",
    "4000000, 4000000",
    "50000000, 50000000",
    "50000001, 50000000",
    "2000000000, 50000000"
  })
  void theRestAfterAStepIsAsLongAsTheStepUpToTheCap(long stepNanos, long pauseNanos) {
    assertThat(ClearPacing.pauseNanos(stepNanos)).isEqualTo(pauseNanos);
  }

  /**
   * A key space of pages; each SCAN advances the fake clock by its step's duration, so the rests
   * show which step they followed.
   */
  private static final class FakeServer {
    final long[] clock = {0};
    final List<Long> rests = new ArrayList<>();
    final List<Integer> unlinkSizes = new ArrayList<>();
    final List<List<String>> pages;
    final long[] stepNanos;

    FakeServer(List<List<String>> pages, long... stepNanos) {
      this.pages = pages;
      this.stepNanos = stepNanos;
    }

    ClearPacing pacing() {
      return new ClearPacing(
          () -> clock[0],
          nanos -> {
            rests.add(nanos);
            clock[0] += nanos;
          });
    }

    long clear() {
      return KeySpace.scanAndUnlink(
          "k:*".getBytes(UTF_8),
          (cursor, params) -> {
            int page = Integer.parseInt(new String(cursor, UTF_8));
            clock[0] += stepNanos[page];
            String next = page + 1 == pages.size() ? "0" : Integer.toString(page + 1);
            List<byte[]> keys = pages.get(page).stream().map(k -> k.getBytes(UTF_8)).toList();
            return new ScanResult<>(next.getBytes(UTF_8), keys);
          },
          keys -> {
            unlinkSizes.add(keys.length);
            return keys.length;
          },
          pacing());
    }
  }

  private static List<String> keys(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> "k:" + i).toList();
  }

  @Test
  void eachStepButTheLastIsFollowedByARestAsLongAsItself() {
    FakeServer server =
        new FakeServer(
            List.of(keys(0, 250), keys(250, 250), List.of(), keys(500, 10)),
            3 * MS,
            1 * MS,
            MS / 2,
            2 * MS);

    assertThat(server.clear()).isEqualTo(510);

    assertThat(server.rests).containsExactly(3 * MS, 1 * MS, MS / 2);
    assertThat(server.unlinkSizes).containsExactly(250, 250, 10);
  }

  @Test
  void aSingleStepClearDoesNotRest() {
    FakeServer server = new FakeServer(List.of(keys(0, 3)), 5 * MS);

    assertThat(server.clear()).isEqualTo(3);

    assertThat(server.rests).isEmpty();
  }

  @Test
  void aStepThatFindsMoreThanABatchIsUnlinkedInBatches() {
    FakeServer server = new FakeServer(List.of(keys(0, 600), keys(600, 1)), MS, MS);

    assertThat(server.clear()).isEqualTo(601);

    assertThat(server.unlinkSizes).containsExactly(250, 250, 100, 1);
    assertThat(server.rests).containsExactly(MS);
  }

  @Test
  void anInterruptedRestEndsThePacingButTheClearFinishesAndTheFlagStaysSet() {
    List<Long> rests = new ArrayList<>();
    long[] clock = {0};
    ClearPacing interrupted =
        new ClearPacing(
            () -> clock[0] += MS,
            nanos -> {
              rests.add(nanos);
              throw new InterruptedException();
            });
    List<Integer> unlinked = new ArrayList<>();
    try {
      long deleted =
          KeySpace.scanAndUnlink(
              "k:*".getBytes(UTF_8),
              (cursor, params) -> {
                int page = Integer.parseInt(new String(cursor, UTF_8));
                String next = page == 2 ? "0" : Integer.toString(page + 1);
                List<byte[]> found =
                    keys(page * 10, 10).stream().map(k -> k.getBytes(UTF_8)).toList();
                return new ScanResult<>(next.getBytes(UTF_8), found);
              },
              keys -> {
                unlinked.add(keys.length);
                return keys.length;
              },
              interrupted);

      assertThat(deleted).isEqualTo(30);
      assertThat(unlinked).containsExactly(10, 10, 10);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted(); // leave the test thread as it was
    }
  }
}
