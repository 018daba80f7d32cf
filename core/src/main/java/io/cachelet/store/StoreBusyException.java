package io.cachelet.store;

/**
 * No connection to the backend was free within the pool wait. The backend itself may be healthy and
 * only saturated by a burst, so this neither trips nor resets the circuit breaker: when the backend
 * really hangs, the calls holding the connections time out and report that themselves. The
 * resilient decorator counts it as an error and answers the caller's fallback.
 */
public class StoreBusyException extends StoreException {

  public StoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
