package io.cachelet.sample;

/** The sample can't start; the message says what to change. */
public final class StartupException extends Exception {

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
