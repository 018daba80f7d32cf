package io.cachelet.sample;

/**
 * A product as {@code GET /api/products/{id}} shows it: with its selling price.
 *
 * @param id its number
 * @param name what it is called
 * @param category its shelf
 * @param price its selling price
 */
public record ProductView(long id, String name, String category, Price price) {

  static ProductView of(Product product, Price price) {
    return new ProductView(product.id(), product.name(), product.category(), price);
  }
}
