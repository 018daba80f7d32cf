package io.cachelet.sample;

import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Selling prices: the list price from the database with the week's rule applied. Cached by the CDI
 * interceptors in the {@value #CACHE} cache under the product number: read through by {@link
 * #price}, written again by {@link #update} when a product changes, dropped by {@link #forget}.
 */
@ApplicationScoped
public class PricingService {

  /** The cache prices live in. */
  public static final String CACHE = "prices";

  private final ProductRepository products;

  @Inject
  public PricingService(ProductRepository products) {
    this.products = products;
  }

  /** Required by CDI to proxy an application-scoped bean; not for use. */
  protected PricingService() {
    this.products = null;
  }

  /** The price of product {@code id}; {@code null} (cached too) when there is no such product. */
  @Cacheable(cache = CACHE, key = "id", ttl = "10m")
  public Price price(long id) {
    return products.find(id).map(PricingService::priceOf).orElse(null);
  }

  /** The price of {@code product} as it is now, stored in place of the cached one. */
  @CachePut(cache = CACHE, key = "product.id()", ttl = "10m")
  public Price update(Product product) {
    return priceOf(product);
  }

  /** Forgets the price of product {@code id}. */
  @CacheEvict(cache = CACHE, key = "id")
  public void forget(long id) {
    // the annotation does the work
  }

  static Price priceOf(Product product) {
    if (product.category().equals("kitchen")) {
      return new Price(
          product.id(), product.basePriceCents() * 85 / 100, "EUR", "kitchen: 15% off this week");
    }
    return new Price(product.id(), product.basePriceCents(), "EUR", "list price");
  }
}
