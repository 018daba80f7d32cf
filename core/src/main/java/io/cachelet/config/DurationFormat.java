package io.cachelet.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations in configuration, init-params and annotations: either a number with
 * a unit, {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, or ISO-8601 as {@link
 * Duration#parse} reads it, {@code PT10M}; or a bare {@code 0}, the one amount that needs no unit.
 * Any other bare number is rejected: the unit is never guessed. Whether zero is allowed is each
 * caller's rule.
 */
public final class DurationFormat {

  /** What {@link #parse} accepts, for error messages. */
  public static final String GRAMMAR =
      "a number with a unit (ms, s, m, h, d), e.g. 250ms or 10m, or ISO-8601 such as PT10M";

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private DurationFormat() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not in the grammar; the message says what is
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher simple = SIMPLE.matcher(trimmed);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (trimmed.startsWith("p")) {
      try {
        return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not " + GRAMMAR, e);
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not " + GRAMMAR);
  }

  /** {@code duration} the way {@link #parse} reads it back, in the largest exact unit. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0 && millis > 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
