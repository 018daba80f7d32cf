package io.cachelet.sample;

import java.util.Objects;

/**
 * One product of the catalogue.
 *
 * @param id its number
 * @param name what it is called
 * @param category {@code coffee}, {@code tea} or {@code kitchen} in the seeded catalogue
 * @param basePriceCents the list price before {@link PricingService} applies its rules, in cents
 */
public record Product(long id, String name, String category, long basePriceCents) {

  public Product {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
  }
}
