package io.cachelet.store;

/**
 * The backend could not be reached in time: refused or timed-out connections, an exhausted pool, a
 * cluster that is down or busy. These failures trip the circuit breaker.
 */
public class StoreUnavailableException extends StoreException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
