package io.cachelet.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /api/products}: the listing ({@code ?category=&page=&size=}), one product, and the writes.
 * Responses carry {@code Cache-Tag} headers ({@code products}, {@code product-{id}}) that the
 * response cache files entries under.
 */
final class ProductsServlet extends HttpServlet {

  /** The header the response cache reads tags from. */
  static final String TAG_HEADER = "Cache-Tag";

  private final ProductRepository products;
  private final PricingService pricing;

  ProductsServlet(ProductRepository products, PricingService pricing) {
    this.products = products;
    this.pricing = pricing;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      Optional<Long> id = id(request);
      if (id.isEmpty()) {
        Optional<String> category = Optional.ofNullable(request.getParameter("category"));
        if (category.isPresent() && !ProductDraft.CATEGORY.matcher(category.get()).matches()) {
          throw new IllegalArgumentException("category must be 1 to 30 lower-case letters");
        }
        int page = intParameter(request, "page", 1, 1, 1000);
        int size = intParameter(request, "size", 6, 1, 50);
        response.setHeader(TAG_HEADER, "products");
        Json.write(response, 200, products.list(category, page, size));
        return;
      }
      Optional<Product> product = products.find(id.get());
      if (product.isEmpty()) {
        Json.error(response, 404, "no product " + id.get());
        return;
      }
      response.setHeader(TAG_HEADER, "products, product-" + id.get());
      Json.write(response, 200, ProductView.of(product.get(), pricing.price(id.get())));
    } catch (IllegalArgumentException e) {
      Json.error(response, 400, e.getMessage());
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      if (id(request).isPresent()) {
        Json.error(response, 405, "POST to /api/products, not to one product");
        return;
      }
      ProductDraft draft = Json.read(request.getInputStream(), ProductDraft.class).validated();
      Product created = products.create(draft.name(), draft.category(), draft.basePriceCents());
      Price price = pricing.update(created);
      response.setHeader("Location", "/api/products/" + created.id());
      Json.write(response, 201, ProductView.of(created, price));
    } catch (IllegalArgumentException e) {
      Json.error(response, 400, e.getMessage());
    }
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      Optional<Long> id = id(request);
      if (id.isEmpty()) {
        Json.error(response, 405, "PUT to /api/products/{id}");
        return;
      }
      ProductDraft draft = Json.read(request.getInputStream(), ProductDraft.class).validated();
      Optional<Product> updated =
          products.update(id.get(), draft.name(), draft.category(), draft.basePriceCents());
      if (updated.isEmpty()) {
        Json.error(response, 404, "no product " + id.get());
        return;
      }
      Json.write(response, 200, ProductView.of(updated.get(), pricing.update(updated.get())));
    } catch (IllegalArgumentException e) {
      Json.error(response, 400, e.getMessage());
    }
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      Optional<Long> id = id(request);
      if (id.isEmpty()) {
        Json.error(response, 405, "DELETE /api/products/{id}");
        return;
      }
      boolean existed = products.delete(id.get());
      pricing.forget(id.get());
      if (existed) {
        response.setStatus(204);
      } else {
        Json.error(response, 404, "no product " + id.get());
      }
    } catch (IllegalArgumentException e) {
      Json.error(response, 400, e.getMessage());
    }
  }

  /** The product number in the path, empty for the collection itself. */
  private static Optional<Long> id(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      return Optional.empty();
    }
    String text = path.substring(1);
    if (!text.matches("[1-9][0-9]{0,17}")) {
      throw new IllegalArgumentException(
          "product id must be a positive number, not '" + text + "'");
    }
    return Optional.of(Long.parseLong(text));
  }

  private static int intParameter(
      HttpServletRequest request, String name, int fallback, int min, int max) {
    String text = request.getParameter(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new IllegalArgumentException(
        name + " must be a number from " + min + " to " + max + ", not '" + text + "'");
  }
}
