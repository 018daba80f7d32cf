package io.cachelet.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
  @CsvSource({
    "*, '', true",
    "*, anything, true",
    "a*, abc, true",
    "a*, bac, false",
    "*c, abc, true",
    "a*c, ac, true",
    "a*c, abd, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "a[bc]d, acd, true",
    "a[bc]d, aed, false",
    "a[^bc]d, aed, true",
    "a[^bc]d, abd, false",
    "a[a-c]d, abd, true",
    "a[c-a]d, abd, true",
    "a[a-c]d, azd, false",
    "a\\*b, a*b, true",
    "a\\*b, axb, false",
    "a\\?b, a?b, true",
    "a\\[b, a[b, true",
    "*:users:*, app:users:42, true",
    "**x, abx, true",
  })
  void matchesAsRedisDoes(String pattern, String text, boolean expected) {
    assertThat(Glob.matches(pattern, text)).isEqualTo(expected);
  }

  @Test
  void anEscapedLiteralMatchesOnlyItself() {
    String literal = "we*ird?[key]\\";
    String pattern = Glob.escape(literal);
    assertThat(Glob.matches(pattern, literal)).isTrue();
    assertThat(Glob.matches(pattern, "weXirdY[key]\\")).isFalse();
    assertThat(Glob.hasWildcards(pattern)).isFalse();
    assertThat(Glob.hasWildcards(literal)).isTrue();
  }

  @Test
  void aHostilePatternCanNotMakeMatchingExponential() {
    String pattern = "*a".repeat(30) + "b";
    String text = "a".repeat(5000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(Glob.matches(pattern, text)).isFalse());
  }
}
