package io.cachelet.filter;

/**
 * The {@code delta-seconds} of RFC 9111 §1.2.2 ({@code 1*DIGIT}), as {@code Age} and the {@code
 * Cache-Control} directives carry it.
 */
final class DeltaSeconds {

  /**
   * What a value larger than a cache can represent counts as (RFC 9111 §1.2.2): 2^31, so that no
   * arithmetic on it overflows a long.
   */
  static final long LARGEST = 2147483648L;

  private DeltaSeconds() {}

  /**
   * The seconds {@code text} holds, at most {@link #LARGEST}; -1 when it is not one or more digits
   * (a sign, a fraction, a unit or a space make it invalid).
   */
  static long parse(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      // kept below LARGEST as it grows: more digits than a long holds must not wrap
      value = Math.min(LARGEST, value * 10 + (c - '0'));
    }
    return value;
  }
}
