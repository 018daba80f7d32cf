package io.cachelet.store.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How a clear leaves room for other clients: after each step (one SCAN and the UNLINK of what it
 * found) the clear rests as long as the step took, so it keeps Redis busy at most about half of the
 * time, however large the key space.
 *
 * <p>Why: Redis runs one command at a time. Each step is short (well under the few milliseconds a
 * client may wait), but sent back to back they leave Redis almost no idle moment; on a shared host
 * the clearer, the server and every other client then compete for the same cores, and a concurrent
 * client's GET waited several steps plus a scheduling slice (18 ms against a 5 ms idle baseline,
 * see docs/benchmarks.md). A rest equal to the step adapts by itself: when Redis is slow because it
 * is busy with others, steps take longer and the clear backs off further. The rest is capped so
 * that a step measured long for reasons of the caller's own (a garbage collection, a retried
 * connection) does not put the clear to sleep for as long.
 *
 * <p>Time and sleeping are injected so that tests can check the rests without waiting.
 */
final class ClearPacing {

  /**
   * How many keys one SCAN step asks for, and the most one UNLINK deletes: a quarter of the 1,000 a
   * step used to take, so each command holds the server a quarter as long.
   */
  static final int STEP_KEYS = 250;

  /** The longest rest after one step, however long the step took. */
  static final Duration MAX_PAUSE = Duration.ofMillis(50);

  /** Sleeps for a number of nanoseconds. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private static final ClearPacing SYSTEM =
      new ClearPacing(System::nanoTime, TimeUnit.NANOSECONDS::sleep);

  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  ClearPacing(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Pacing on the system's clock, resting with {@link Thread#sleep}. */
  static ClearPacing system() {
    return SYSTEM;
  }

  /**
   * How long to rest after a step that took {@code stepNanos}: as long, at most {@link #MAX_PAUSE}.
   */
  static long pauseNanos(long stepNanos) {
    return Math.min(Math.max(stepNanos, 0), MAX_PAUSE.toNanos());
  }

  /** The clock reading to pass to {@link #restAfterStepStartedAt} when a step begins. */
  long stepStarts() {
    return nanoTime.getAsLong();
  }

  /**
   * Rests for {@link #pauseNanos} of the time since {@code startNanos}. An interrupted rest ends
   * the pacing, not the clear: the thread's interrupt flag stays set (so every later rest returns
   * at once) and the clear finishes as it did before pacing existed, instead of leaving part of the
   * keys behind.
   */
  void restAfterStepStartedAt(long startNanos) {
    long pause = pauseNanos(nanoTime.getAsLong() - startNanos);
    if (pause == 0) {
      return;
    }
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
