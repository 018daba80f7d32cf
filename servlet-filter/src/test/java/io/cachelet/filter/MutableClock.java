package io.cachelet.filter;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand; also the ticker of the in-process store, so entries expire with it.
 */
final class MutableClock extends Clock implements Ticker {

  private final AtomicLong millis =
      new AtomicLong(Instant.parse("2026-11-01T12:00:00Z").toEpochMilli());

  void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }

  @Override
  public long read() {
    return millis.get() * 1_000_000L;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
