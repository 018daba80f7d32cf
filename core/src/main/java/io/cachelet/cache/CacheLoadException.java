package io.cachelet.cache;

import io.cachelet.CacheletException;

/**
 * A loader passed to {@link Cache#getOrLoad} threw a checked exception; it is the cause, unchanged.
 * Unchecked exceptions and errors from a loader reach the caller as they are.
 */
public class CacheLoadException extends CacheletException {

  public CacheLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
