package io.cachelet.sample;

import io.cachelet.sample.woven.CategoryDirectory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code GET /api/categories}: the shelves, from the AspectJ-woven {@link CategoryDirectory}. */
final class CategoriesServlet extends HttpServlet {

  private final CategoryDirectory directory;

  CategoriesServlet(CategoryDirectory directory) {
    this.directory = directory;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Json.write(response, 200, Map.of("categories", directory.categories()));
  }
}
