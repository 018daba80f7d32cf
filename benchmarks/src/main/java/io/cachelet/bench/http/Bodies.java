package io.cachelet.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cachelet.bench.method.Catalog;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The response bodies the HTTP scenarios serve: JSON, built once, the same bytes every time. */
final class Bodies {

  /** About 2 KB: the catalogue the method benchmarks use. */
  static final byte[] SMALL = json(Catalog.of(11));

  /** About 50 KB of the same, repetitive and so compressible, for the gzip scenario. */
  static final byte[] LARGE = json(large());

  private Bodies() {}

  private static Object large() {
    List<Catalog> catalogues = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      catalogues.add(Catalog.of(i));
    }
    return catalogues;
  }

  private static byte[] json(Object value) {
    try {
      return Catalog.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
