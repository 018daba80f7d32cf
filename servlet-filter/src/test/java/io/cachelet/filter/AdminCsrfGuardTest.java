package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.filter.AdminCsrfGuard.Facts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdminCsrfGuardTest {

  private static final String OWN = "http://admin.example:8080";
  private static final String FORM = "application/x-www-form-urlencoded";

  /**
   * method, browser credentials, Sec-Fetch-Site, Origin, Referer, marker, Content-Type → refused?
   */
  static Stream<Arguments> table() {
    return Stream.of(
        // the curl: cross-site form post with Basic credentials
        Arguments.of("POST", true, "cross-site", "https://evil.example", null, null, FORM, true),
        Arguments.of("POST", true, "cross-site", null, null, "1", null, true),
        Arguments.of("DELETE", true, "same-site", null, null, "1", null, true),
        Arguments.of("PUT", true, null, "https://evil.example", null, "1", null, true),
        Arguments.of("POST", true, null, null, "https://evil.example/page", "1", null, true),
        Arguments.of("POST", true, null, "null", null, "1", null, true),
        // a plain form from our own origin still can't do it
        Arguments.of("POST", true, "same-origin", OWN, null, null, FORM, true),
        Arguments.of("POST", true, null, null, null, null, null, true),
        Arguments.of("POST", true, null, null, null, "yes", "text/plain", true),
        // allowed
        Arguments.of("POST", true, "same-origin", OWN, OWN + "/dash", "1", null, false),
        Arguments.of("POST", true, null, "HTTP://Admin.Example:8080", null, "1", null, false),
        Arguments.of(
            "DELETE", true, "none", null, null, null, "application/json; charset=utf-8", false),
        Arguments.of("POST", true, null, null, null, "1", null, false),
        // safe methods and bearer/anonymous callers are not guarded
        Arguments.of("GET", true, "cross-site", "https://evil.example", null, null, null, false),
        Arguments.of(
            "OPTIONS", true, "cross-site", "https://evil.example", null, null, null, false),
        Arguments.of("POST", false, "cross-site", "https://evil.example", null, null, FORM, false));
  }

  @ParameterizedTest
  @MethodSource("table")
  void decidesFromTheRequestFacts(
      String method,
      boolean browserCredentials,
      String site,
      String origin,
      String referer,
      String marker,
      String contentType,
      boolean refused) {
    Facts facts =
        new Facts(method, browserCredentials, OWN, site, origin, referer, marker, contentType);
    assertThat(AdminCsrfGuard.sameOrigin().decide(facts).isPresent()).isEqualTo(refused);
  }

  @Test
  void anAllowedOriginMayCallEvenFromTheSameSite() {
    AdminCsrfGuard guard =
        AdminCsrfGuard.sameOrigin().allowingOrigins("https://ops.example, https://b.example:9443");
    Facts facts = new Facts("POST", true, OWN, "same-site", "https://ops.example", null, "1", null);
    assertThat(guard.decide(facts)).isEmpty();
    Facts other =
        new Facts("POST", true, OWN, "cross-site", "https://evil.example", null, "1", null);
    assertThat(guard.decide(other)).isPresent();
  }

  @Test
  void theReasonSaysWhatToSend() {
    Facts facts = new Facts("POST", true, OWN, null, null, null, null, FORM);
    assertThat(AdminCsrfGuard.sameOrigin().decide(facts))
        .hasValueSatisfying(r -> assertThat(r).contains("X-Cachelet-Admin: 1"));
  }

  @Test
  void anAllowedOriginWithAPathFailsNamingTheSetting() {
    assertThatThrownBy(() -> AdminCsrfGuard.sameOrigin().allowingOrigins("https://ops.example/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cachelet.admin.allowed-origins");
  }
}
