package io.cachelet.filter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The IMF-fixdate format of RFC 9110 §5.6.7. */
final class HttpDates {

  private static final DateTimeFormatter IMF =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** The last second formatted: every hit writes a {@code Date}, mostly of the same second. */
  private record Formatted(long epochSecond, String text) {}

  private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

  private HttpDates() {}

  static String format(long epochMillis) {
    return format(Instant.ofEpochMilli(epochMillis));
  }

  static String format(Instant instant) {
    Formatted known = last;
    if (known.epochSecond() == instant.getEpochSecond()) {
      return known.text();
    }
    String text = IMF.format(instant);
    last = new Formatted(instant.getEpochSecond(), text);
    return text;
  }

  /** The instant an HTTP date names; empty when {@code value} is not one (RFC 9110 §5.6.7). */
  static Optional<Instant> parse(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
