package io.cachelet.filter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The IMF-fixdate format of RFC 9110 §5.6.7. */
final class HttpDates {

  private static final DateTimeFormatter IMF =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private HttpDates() {}

  static String format(long epochMillis) {
    return IMF.format(Instant.ofEpochMilli(epochMillis));
  }

  static String format(Instant instant) {
    return IMF.format(instant);
  }
}
