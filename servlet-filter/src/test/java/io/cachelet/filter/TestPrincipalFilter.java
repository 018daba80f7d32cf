package io.cachelet.filter;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;

/**
 * Stands in for container authentication: {@code X-Test-User: NAME} authenticates as NAME, in the
 * roles {@code X-Test-Roles} lists (comma-separated; none without it).
 */
final class TestPrincipalFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String user = http.getHeader("X-Test-User");
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    Principal principal = () -> user;
    String listed = http.getHeader("X-Test-Roles");
    Set<String> roles =
        listed == null ? Set.of() : Set.copyOf(Arrays.asList(listed.split(",", -1)));
    chain.doFilter(
        new HttpServletRequestWrapper(http) {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }

          @Override
          public boolean isUserInRole(String role) {
            return roles.contains(role);
          }
        },
        response);
  }
}
