package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §5.6.7, from its own examples: a recipient accepts all three formats. */
class HttpDatesTest {

  static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        " Sun, 06 Nov 1994 08:49:37 GMT ",
        "sunday, 06-nov-94 08:49:37 GMT"
      })
  void s5_6_7_everyFormatOfTheExampleNamesTheSameInstant(String value) {
    assertThat(HttpDates.parse(value)).contains(EXAMPLE);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"0", "-1", " ", "tomorrow", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun Nov 6 1994"})
  void s5_6_7_whatIsNoDateIsEmpty(String value) {
    assertThat(HttpDates.parse(value)).isEmpty();
  }

  @Test
  void s5_6_7_aTwoDigitYearIsTheLatestNoMoreThanFiftyYearsAhead() {
    int thisYear = Year.now(ZoneOffset.UTC).getValue();
    assertThat(rfc850NewYear(thisYear + 50)).contains(newYear(thisYear + 50));
    assertThat(rfc850NewYear(thisYear + 51)).contains(newYear(thisYear - 49));
  }

  /** 1 January of {@code year} in the RFC 850 format, read back. */
  private static Optional<Instant> rfc850NewYear(int year) {
    // the weekday must be that of the year it is read as, or the date is refused as inconsistent
    int readAs = year > Year.now(ZoneOffset.UTC).getValue() + 50 ? year - 100 : year;
    String weekday =
        LocalDate.of(readAs, 1, 1).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
    return HttpDates.parse(
        String.format(Locale.ROOT, "%s, 01-Jan-%02d 00:00:00 GMT", weekday, year % 100));
  }

  private static Instant newYear(int year) {
    return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  @Test
  void writtenDatesAreImfFixdate() {
    assertThat(HttpDates.format(EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }
}
