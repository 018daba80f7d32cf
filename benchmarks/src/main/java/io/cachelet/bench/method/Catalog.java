package io.cachelet.bench.method;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The value every method-cache benchmark returns: 13 products, about 2 KB of JSON, the same shape
 * the Spring peer was measured with (a record holding a list of records with a nested list and an
 * {@link Instant}).
 */
public record Catalog(List<Product> items) {

  /** One line of the catalogue. */
  public record Product(long id, String name, List<String> tags, double price, Instant updated) {}

  /** The catalogue for {@code id}: always the same value for the same id. */
  public static Catalog of(long id) {
    List<Product> items = new ArrayList<>();
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 13; i++) {
      items.add(
          new Product(
              id * 100 + i,
              "Product " + i + " of catalogue " + id,
              List.of("tag-" + i, "colour-" + (i % 4), "size-" + (i % 3)),
              9.99 + i * 1.25,
              base.plusSeconds(3_600L * i)));
    }
    return new Catalog(List.copyOf(items));
  }

  /**
   * The mapper every path decodes with: ISO-8601 instants, nothing else changed; the same
   * configuration Cachelet's JSON codec uses for dates.
   */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
