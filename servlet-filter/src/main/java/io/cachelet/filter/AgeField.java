package io.cachelet.filter;

import java.util.OptionalLong;

/** The {@code Age} field a response arrived with, read by the rules of RFC 9111 §5.1. */
final class AgeField {

  private AgeField() {}

  /**
   * The received age in seconds, at most {@link DeltaSeconds#LARGEST}; empty when the field is
   * absent or none of its members is a non-negative integer, which §5.1 says to ignore.
   *
   * <p>Age is a singleton field, and for a list-based value §5.1 says a cache SHOULD use the first
   * member. Cachelet takes the largest valid member instead: the members are claims of hops it
   * can't tell apart, and taking the oldest never makes a response look fresher than one of them
   * says.
   */
  static OptionalLong received(HeaderFields headers) {
    long largest = -1;
    for (String member : headers.elements("Age")) {
      largest = Math.max(largest, DeltaSeconds.parse(member));
    }
    return largest < 0 ? OptionalLong.empty() : OptionalLong.of(largest);
  }
}
