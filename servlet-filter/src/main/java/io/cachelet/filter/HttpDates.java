package io.cachelet.filter;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three formats a recipient must
 * accept.
 */
final class HttpDates {

  private static final DateTimeFormatter IMF =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /**
   * The obsolete RFC 850 format, {@code Sunday, 06-Nov-94 08:49:37 GMT}: its two-digit year is read
   * as the one no more than 50 years ahead of this year, as §5.6.7 has a recipient do.
   */
  private static final DateTimeFormatter RFC_850 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 49)
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US)
          .withZone(ZoneOffset.UTC);

  /** The obsolete format of C's {@code asctime()}, {@code Sun Nov 6 08:49:37 1994}, in UTC. */
  private static final DateTimeFormatter ASCTIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
          .toFormatter(Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final List<DateTimeFormatter> READ =
      List.of(DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME);

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

  /** The instant an HTTP date names; empty when {@code value} is not one in any of the formats. */
  static Optional<Instant> parse(String value) {
    String trimmed = value.trim();
    for (DateTimeFormatter format : READ) {
      try {
        return Optional.of(ZonedDateTime.parse(trimmed, format).toInstant());
      } catch (DateTimeParseException e) {
        // not in this format; the next one may match
      }
    }
    return Optional.empty();
  }
}
