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

/** Stands in for container authentication: {@code X-Test-User: NAME} authenticates as NAME. */
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
    chain.doFilter(
        new HttpServletRequestWrapper(http) {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }
        },
        response);
  }
}
