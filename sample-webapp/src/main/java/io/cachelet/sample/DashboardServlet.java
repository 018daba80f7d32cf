package io.cachelet.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code GET /admin/}: the dashboard, one HTML page with its script and style sheet, all served
 * from the class path: no build step, nothing fetched from elsewhere. The page reads the admin
 * endpoints under {@code /admin/cache/}.
 */
final class DashboardServlet extends HttpServlet {

  private static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getContextPath() + "/admin/");
      return;
    }
    String file = FILES.get(path);
    if (file == null) {
      Json.error(response, 404, "no dashboard file '" + path + "'");
      return;
    }
    try (InputStream in = DashboardServlet.class.getResourceAsStream("dashboard/" + file)) {
      if (in == null) {
        throw new IllegalStateException("dashboard/" + file + " is missing from the class path");
      }
      byte[] body = in.readAllBytes();
      response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
      response.setHeader("Cache-Control", "no-cache");
      response.setHeader(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
