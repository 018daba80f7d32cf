package io.cachelet.codec;

/**
 * A sealed entry could not be opened: no configured key has its id, or the authentication tag does
 * not match (wrong key, bytes changed or cut, or the entry was copied under another store key). The
 * entry is a miss, counted apart from other unreadable entries.
 */
public final class EntryOpenException extends EntryFormatException {

  public EntryOpenException(String message) {
    super(message);
  }
}
