package io.cachelet.sample;

import java.util.regex.Pattern;

/**
 * A product as a client sends it, to create or replace one.
 *
 * @param name 1 to 200 characters
 * @param category 1 to 30 lower-case letters
 * @param basePriceCents from 1 to 10,000,000
 */
public record ProductDraft(String name, String category, long basePriceCents) {

  /** What a category must look like, in URLs and bodies alike. */
  static final Pattern CATEGORY = Pattern.compile("[a-z]{1,30}");

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the first field that is wrong
   */
  ProductDraft validated() {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name must be 1 to 200 characters");
    }
    if (category == null || !CATEGORY.matcher(category).matches()) {
      throw new IllegalArgumentException("category must be 1 to 30 lower-case letters");
    }
    if (basePriceCents < 1 || basePriceCents > 10_000_000) {
      throw new IllegalArgumentException("basePriceCents must be from 1 to 10000000");
    }
    return this;
  }
}
