package io.cachelet.store.resilient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.PoolStats;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.store.StoreUnavailableException;
import io.cachelet.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Regression: the response-caching filter stays off the store while {@link
 * ResilientStore#breakerState()} says OPEN, and the breaker only leaves OPEN when a call asks for
 * permission, so after the first outage the filter never probed Redis again and never went back to
 * serving hits. An open breaker whose open duration has passed now reports HALF_OPEN.
 */
class BreakerProbeDueTest {

  private static final Duration OPEN = Duration.ofSeconds(10);

  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final CacheStore backend = mock(CacheStore.class);
  private final ResilientStore store =
      ResilientStore.wrap(
          backend,
          CacheletConfig.builder().breakerFailures(2).breakerOpenDuration(OPEN).build(),
          clock);

  BreakerProbeDueTest() {
    when(backend.backend()).thenReturn("redis");
    when(backend.poolStats()).thenReturn(PoolStats.NONE);
  }

  @Test
  void anOpenBreakerReportsAProbeDueOnceItsOpenDurationHasPassed() {
    when(backend.get(anyString())).thenThrow(new StoreUnavailableException("refused", null));
    store.get("a");
    store.get("b");
    assertThat(store.breakerState()).isEqualTo(BreakerState.OPEN);

    clock.advance(OPEN);
    assertThat(store.breakerState()).isEqualTo(BreakerState.OPEN);

    clock.advance(Duration.ofMillis(1));
    assertThat(store.breakerState()).isEqualTo(BreakerState.HALF_OPEN);
  }

  @Test
  void aCallerThatWaitsForTheReportedProbeFindsTheStoreBack() {
    when(backend.get(anyString())).thenThrow(new StoreUnavailableException("refused", null));
    store.get("a");
    store.get("b");
    clock.advance(OPEN.plusMillis(1));

    doReturn(new byte[] {1}).when(backend).get(anyString());
    assertThat(store.breakerState()).isNotEqualTo(BreakerState.OPEN);
    assertThat(store.get("a")).containsExactly(1);
    assertThat(store.breakerState()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void aFailedProbeWaitsTheWholeOpenDurationAgain() {
    when(backend.get(anyString())).thenThrow(new StoreUnavailableException("refused", null));
    store.get("a");
    store.get("b");
    clock.advance(OPEN.plusMillis(1));
    store.get("probe");
    assertThat(store.breakerState()).isEqualTo(BreakerState.OPEN);

    clock.advance(OPEN);
    assertThat(store.breakerState()).isEqualTo(BreakerState.OPEN);
    clock.advance(Duration.ofMillis(1));
    assertThat(store.breakerState()).isEqualTo(BreakerState.HALF_OPEN);
  }
}
