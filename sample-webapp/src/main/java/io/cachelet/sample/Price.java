package io.cachelet.sample;

/**
 * A product's selling price.
 *
 * @param productId the product
 * @param cents the price, in cents
 * @param currency always {@code EUR} here
 * @param rule the pricing rule that made it, for display
 */
public record Price(long productId, long cents, String currency, String rule) {}
