package io.cachelet;

/**
 * Root of Cachelet's small unchecked hierarchy for runtime failures. Programmer errors are reported
 * with the JDK's own {@link NullPointerException}, {@link IllegalArgumentException} and {@link
 * IllegalStateException} instead.
 */
public class CacheletException extends RuntimeException {

  public CacheletException(String message) {
    super(message);
  }

  public CacheletException(String message, Throwable cause) {
    super(message, cause);
  }
}
