package io.cachelet.filter;

import java.util.Optional;

/**
 * One satisfiable byte range of a representation (RFC 9110 §14.1.2): the offsets of its first and
 * last bytes, both inclusive.
 *
 * @param first the offset of the first byte sent
 * @param last the offset of the last byte sent, at most the representation's length - 1
 */
record ByteRange(long first, long last) {

  /** The number of bytes the range holds. */
  long length() {
    return last - first + 1;
  }

  /**
   * The {@code Content-Range} value of this range of a representation of {@code complete} bytes.
   */
  String contentRange(long complete) {
    return "bytes " + first + "-" + last + "/" + complete;
  }

  /** What one {@code Range} field value asks of a representation. */
  sealed interface Request {}

  /** {@code first-last} or {@code first-}: {@code last} is empty when open-ended. */
  record Span(long first, Optional<Long> last) implements Request {}

  /** {@code -count}: the last {@code count} bytes. */
  record Suffix(long count) implements Request {}

  /**
   * Reads a {@code Range} value that asks for one byte range (RFC 9110 §14.1.1, §14.2); empty for
   * another unit, several ranges (which a server may answer with the whole representation) or a
   * value that breaks the grammar, all of which are answered as if there were no {@code Range}.
   */
  static Optional<Request> parse(String value) {
    int equals = value.indexOf('=');
    if (equals < 0 || !value.substring(0, equals).trim().equalsIgnoreCase("bytes")) {
      return Optional.empty();
    }
    String spec = value.substring(equals + 1).trim();
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String from = spec.substring(0, dash).trim();
    String to = spec.substring(dash + 1).trim();
    Optional<Long> last = to.isEmpty() ? Optional.empty() : position(to);
    if (from.isEmpty()) {
      return last.map(Suffix::new);
    }
    Optional<Long> first = position(from);
    if (first.isEmpty() || !to.isEmpty() && (last.isEmpty() || last.get() < first.get())) {
      return Optional.empty();
    }
    return Optional.of(new Span(first.get(), last));
  }

  /** Decimal digits only; a position past what a long holds is as good as infinite. */
  private static Optional<Long> position(String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits));
  }
}
