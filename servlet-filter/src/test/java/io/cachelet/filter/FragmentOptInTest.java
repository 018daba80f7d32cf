package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.ConfigException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FragmentOptInTest {

  static Optional<Map<String, String>> decide(
      Map<String, String> params, boolean classpathRoutes, boolean declared) {
    return FragmentOptIn.initParams(params::get, params.keySet(), classpathRoutes, declared);
  }

  @Test
  void nothingAskedIsNothingRegistered() {
    assertThat(decide(Map.of("cachelet.shadow", "true", "other", "x"), false, false)).isEmpty();
  }

  @Test
  void routesBecomeInitParamsWithoutThePrefix() {
    assertThat(decide(Map.of("cachelet.routes", "a /a", "cachelet.shadow", "true"), false, false))
        .hasValue(Map.of("routes", "a /a", "shadow", "true"));
    assertThat(decide(Map.of("cachelet.routes-file", "/WEB-INF/r.conf"), false, false))
        .hasValue(Map.of("routes-file", "/WEB-INF/r.conf"));
  }

  @Test
  void aRoutesFileOnTheClassPathIsAnOptIn() {
    assertThat(decide(Map.of(), true, false)).hasValue(Map.of());
  }

  @Test
  void enabledFalseOrAFilterTheApplicationDeclaresWins() {
    assertThat(decide(Map.of("cachelet.routes", "a /a", "cachelet.enabled", "false"), true, false))
        .isEmpty();
    assertThat(decide(Map.of("cachelet.routes", "a /a"), true, true)).isEmpty();
    assertThat(decide(Map.of("cachelet.routes", "a /a", "cachelet.enabled", "true"), false, false))
        .hasValue(Map.of("routes", "a /a"));
  }

  @Test
  void aBadEnabledValueNamesTheSetting() {
    assertThatThrownBy(() -> decide(Map.of("cachelet.enabled", "yes"), false, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cachelet.enabled='yes'")
        .hasMessageContaining("true or false");
  }
}
