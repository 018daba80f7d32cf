package io.cachelet.store.resilient;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.store.StoreStateListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one store: opens after {@code breaker.failures} consecutive unavailability
 * failures, stays open {@code breaker.open-duration}, then lets one probe call through; the probe's
 * outcome closes or reopens it. There is no timer thread: the first call after the open duration
 * becomes the probe.
 *
 * <p>It logs each kind of state change once per outage: WARN when it opens, INFO at the first
 * half-open probe and INFO when it closes again. Later rounds of the probe cycle (half-open, open
 * again, every open duration) are logged at DEBUG, because at the default one second they would
 * otherwise write two lines a second for as long as the backend is down.
 */
final class Breaker {

  private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);

  private final CircuitBreaker breaker;
  private final String backend;
  private final Clock clock;
  private final Duration openDuration;
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile Instant openedAt;

  /** When the breaker last went to OPEN, from CLOSED or after a failed probe; null before. */
  private volatile Instant lastOpened;

  private volatile boolean probeLogged;
  private final List<StoreStateListener> listeners = new CopyOnWriteArrayList<>();

  Breaker(String backend, CacheletConfig config, Clock clock) {
    this.backend = backend;
    this.clock = clock;
    this.openDuration = config.breakerOpenDuration();
    int failures = config.breakerFailures();
    CircuitBreakerConfig settings =
        CircuitBreakerConfig.custom()
            // N consecutive failures = a window of the last N calls that all failed
            .slidingWindow(failures, failures, SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(100)
            .waitDurationInOpenState(openDuration)
            .permittedNumberOfCallsInHalfOpenState(1)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .writableStackTraceEnabled(false)
            .clock(clock)
            .build();
    this.breaker = CircuitBreaker.of("cachelet-" + backend, settings);
    breaker.getEventPublisher().onStateTransition(this::log);
    breaker.getEventPublisher().onStateTransition(this::tell);
  }

  /** Tells {@code listener} when the backend went down (the breaker opened) and came back. */
  void addListener(StoreStateListener listener) {
    listeners.add(listener);
  }

  private void tell(CircuitBreakerOnStateTransitionEvent event) {
    switch (event.getStateTransition()) {
      case CLOSED_TO_OPEN -> listeners.forEach(l -> guarded(l::storeDown));
      case HALF_OPEN_TO_CLOSED -> listeners.forEach(l -> guarded(l::storeRecovered));
      default -> {}
    }
  }

  private void guarded(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("A store state listener failed: {}", e.toString());
    }
  }

  /** Whether a call may go to the backend; when true, exactly one outcome must be reported. */
  boolean tryAcquire() {
    return breaker.tryAcquirePermission();
  }

  /** The backend answered (possibly with an error that is not about its availability). */
  void onAnswer(long nanos) {
    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
  }

  /** The backend could not be reached. */
  void onUnavailable(long nanos, Throwable error) {
    lastError.set(String.valueOf(error.getMessage()));
    breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
  }

  /**
   * The call says nothing about the backend (a programmer error, or no pooled connection was free):
   * no outcome is recorded.
   */
  void release() {
    breaker.releasePermission();
  }

  /** Remembers an error that did not count against availability, for health reports. */
  void noteError(Throwable error) {
    lastError.set(String.valueOf(error.getMessage()));
  }

  String lastError() {
    return lastError.get();
  }

  /**
   * The state as callers should act on it. An open breaker whose open duration has passed is
   * reported HALF_OPEN: the breaker only moves there when a call asks for permission, so a caller
   * that stays off the store while it sees OPEN would otherwise never make that call, and the store
   * would never be probed again.
   */
  BreakerState state() {
    return switch (breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
      case OPEN -> probeDue() ? BreakerState.HALF_OPEN : BreakerState.OPEN;
      case FORCED_OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
    };
  }

  private boolean probeDue() {
    Instant opened = lastOpened;
    // strictly after, as the breaker itself decides when a call may probe
    return opened != null && clock.instant().isAfter(opened.plus(openDuration));
  }

  private void log(CircuitBreakerOnStateTransitionEvent event) {
    if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
      lastOpened = clock.instant();
    }
    switch (event.getStateTransition()) {
      case CLOSED_TO_OPEN -> {
        openedAt = clock.instant();
        probeLogged = false;
        LOG.warn(
            "The {} store is unavailable ({}): serving misses and dropping writes, trying again"
                + " every {} ms.",
            backend,
            lastError.get(),
            openDuration.toMillis());
      }
      case HALF_OPEN_TO_CLOSED -> {
        Instant opened = openedAt;
        LOG.info(
            "The {} store answers again{}; caching through it.",
            backend,
            opened == null
                ? ""
                : " after " + Duration.between(opened, clock.instant()).toMillis() + " ms");
      }
      case OPEN_TO_HALF_OPEN -> {
        if (probeLogged) {
          LOG.debug("The {} store's circuit breaker: {}", backend, event.getStateTransition());
        } else {
          probeLogged = true;
          LOG.info("Probing the {} store with one call to see whether it answers again.", backend);
        }
      }
      default ->
          LOG.debug("The {} store's circuit breaker: {}", backend, event.getStateTransition());
    }
  }
}
