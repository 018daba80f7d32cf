package io.cachelet.sample.woven;

import io.cachelet.annotation.Cacheable;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The catalogue's shelves, cached for five minutes. A plain class, not a CDI bean: the caching
 * comes from the AspectJ aspect woven into it at compile time (see the sample's build), the way an
 * application without CDI gets the annotations.
 */
public class CategoryDirectory {

  /** The cache the shelves live in. */
  public static final String CACHE = "categories";

  private final Supplier<List<String>> source;

  /** Shelves read from {@code source} (the database) on a miss. */
  public CategoryDirectory(Supplier<List<String>> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** Every shelf that holds a product, in name order. */
  @Cacheable(cache = CACHE, ttl = "5m")
  public List<String> categories() {
    return List.copyOf(source.get());
  }
}
