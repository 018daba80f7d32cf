package io.cachelet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "250ms, PT0.25S",
    "30s, PT30S",
    "10m, PT10M",
    "2h, PT2H",
    "1d, PT24H",
    "PT10M, PT10M",
    "pt1h30m, PT1H30M",
    "' 5 s ', PT5S",
    "0, PT0S"
  })
  void acceptsUnitsAndIso8601(String text, String expected) {
    assertThat(DurationFormat.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten", "10 minutes", "1w", "PT", "-5s", "5.5s"})
  void refusesAnythingElseSayingWhatIsAccepted(String text) {
    assertThatThrownBy(() -> DurationFormat.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a number with a unit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"250ms", "30s", "10m", "2h", "3d", "1500ms"})
  void formatReadsBackAsTheSameDuration(String text) {
    Duration duration = DurationFormat.parse(text);
    assertThat(DurationFormat.parse(DurationFormat.format(duration))).isEqualTo(duration);
  }
}
