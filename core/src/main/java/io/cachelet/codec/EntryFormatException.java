package io.cachelet.codec;

import io.cachelet.CacheletException;

/**
 * Stored bytes are not a valid entry: written by another program, by an incompatible version, or
 * for a class that has changed since. Callers treat the entry as a miss, count it and delete it.
 */
public class EntryFormatException extends CacheletException {

  public EntryFormatException(String message) {
    super(message);
  }

  public EntryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
