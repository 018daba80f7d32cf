package io.cachelet.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of a {@link CacheStore#scan} iteration.
 *
 * @param storeKeys the keys of this page, possibly none even when more pages follow
 * @param cursor the opaque cursor to ask for the next page with; {@link #START} on the last page
 */
public record ScanPage(List<String> storeKeys, String cursor) {

  /** The cursor that starts an iteration, and the one the last page returns. */
  public static final String START = "0";

  public ScanPage {
    storeKeys = List.copyOf(storeKeys);
    Objects.requireNonNull(cursor, "cursor");
  }

  /** Whether this page ends the iteration. */
  public boolean isLast() {
    return START.equals(cursor);
  }
}
