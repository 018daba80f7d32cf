package io.cachelet.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, so time-based logic needs no sleeping. It is
 * also a Caffeine {@link Ticker}, so an in-process store built on it expires entries on test time.
 */
public final class TestClock extends Clock implements Ticker {

  private volatile Instant now;

  private TestClock(Instant now) {
    this.now = now;
  }

  /** A clock standing at {@code now}. */
  public static TestClock at(Instant now) {
    return new TestClock(now);
  }

  /** Moves the clock forward by {@code amount}. */
  public synchronized void advance(Duration amount) {
    now = now.plus(amount);
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Nanoseconds of the current instant since the epoch: the store ticker's reading. */
  @Override
  public long read() {
    Instant current = now;
    return current.getEpochSecond() * 1_000_000_000L + current.getNano();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("A TestClock is always in UTC");
  }
}
