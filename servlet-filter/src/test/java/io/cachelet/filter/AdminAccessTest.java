package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.filter.AdminAccess.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminAccessTest {

  /** A request with these headers, made by {@code user} (null: anonymous) in {@code roles}. */
  private static HttpServletRequest request(
      Map<String, String> headers, String user, Set<String> roles) {
    Principal principal = user == null ? null : () -> user;
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            AdminAccessTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getHeader" -> headers.get((String) args[0]);
                  case "getUserPrincipal" -> principal;
                  case "isUserInRole" -> user != null && roles.contains((String) args[0]);
                  case "getRemoteAddr" -> "127.0.0.1";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static HttpServletRequest bearer(String token) {
    return request(Map.of("Authorization", "Bearer " + token), null, Set.of());
  }

  @Test
  void openAccessAllowsAnyone() {
    assertThat(AdminAccess.open().check(request(Map.of(), null, Set.of())))
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void theRightTokenIsAllowedAndAWrongOrMissingOneIsUnauthenticated() {
    AdminAccess access = AdminAccess.bearerToken("s3cret");

    assertThat(access.check(bearer("s3cret"))).isEqualTo(Outcome.ALLOWED);
    assertThat(access.check(bearer("s3cret-and-more"))).isEqualTo(Outcome.UNAUTHENTICATED);
    assertThat(access.check(bearer("s3cre"))).isEqualTo(Outcome.UNAUTHENTICATED);
    assertThat(access.check(request(Map.of(), null, Set.of()))).isEqualTo(Outcome.UNAUTHENTICATED);
    assertThat(access.check(request(Map.of("Authorization", "Basic czNjcmV0"), null, Set.of())))
        .isEqualTo(Outcome.UNAUTHENTICATED);
  }

  @Test
  void aUserInTheRoleIsAllowedAndAUserWithoutItIsForbidden() {
    AdminAccess access = AdminAccess.bearerToken("s3cret").orRole("ops");

    assertThat(access.check(request(Map.of(), "olga", Set.of("ops")))).isEqualTo(Outcome.ALLOWED);
    assertThat(access.check(request(Map.of(), "alice", Set.of("customer"))))
        .isEqualTo(Outcome.FORBIDDEN);
    assertThat(access.check(bearer("s3cret"))).isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void theAuditNameSaysWhoWithoutTheToken() {
    assertThat(AdminAccess.who(bearer("s3cret"))).isEqualTo("admin token from 127.0.0.1");
    assertThat(AdminAccess.who(request(Map.of(), "olga", Set.of())))
        .isEqualTo("user 'olga' from 127.0.0.1");
  }

  @Test
  void aBlankTokenOrRoleIsAProgrammerError() {
    assertThatThrownBy(() -> AdminAccess.bearerToken(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdminAccess.role("")).isInstanceOf(IllegalArgumentException.class);
  }
}
