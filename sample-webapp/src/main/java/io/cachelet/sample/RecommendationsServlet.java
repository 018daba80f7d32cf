package io.cachelet.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/me/recommendations}: the signed-in user's own page. The container authenticates
 * (HTTP Basic); the response cache keys the page per principal, so nobody is ever served another
 * user's copy.
 */
final class RecommendationsServlet extends HttpServlet {

  private final Recommendations recommendations;

  RecommendationsServlet(Recommendations recommendations) {
    this.recommendations = recommendations;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      Json.error(response, 401, "sign in first");
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", principal.getName());
    body.put("items", recommendations.forUser(principal.getName()));
    Json.write(response, 200, body);
  }
}
