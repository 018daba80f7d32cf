package io.cachelet.store;

import io.cachelet.CacheletException;

/**
 * A store operation failed for a reason other than the backend being unreachable: a wrong data type
 * under a key, a script error, a reply that makes no sense. The resilient decorator counts it as an
 * error but does not trip the circuit breaker on it.
 */
public class StoreException extends CacheletException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
