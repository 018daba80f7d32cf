package io.cachelet.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cachelet.bench.method.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The response bodies the HTTP scenarios serve: JSON, built once, the same bytes every time. */
final class Bodies {

  /** About 2 KB: the catalogue the method benchmarks use. */
  static final byte[] SMALL = json(Catalog.of(11));

  /** About 50 KB of the same, repetitive and so compressible, for the gzip scenario. */
  static final byte[] LARGE = json(large());

  /** The body sizes of the curves: 1 KB, 16 KB, 256 KB, 1 MB. */
  static final List<Integer> CURVE_SIZES = List.of(1 << 10, 16 << 10, 256 << 10, 1 << 20);

  private Bodies() {}

  /**
   * The path suffix of the curve scenarios serving {@code size} bytes: {@code -16k}, {@code -1m}.
   */
  static String suffix(int size) {
    return size >= 1 << 20 ? "-" + (size >> 20) + "m" : "-" + (size >> 10) + "k";
  }

  private static Object large() {
    List<Catalog> catalogues = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      catalogues.add(Catalog.of(i));
    }
    return catalogues;
  }

  /**
   * A JSON array of products of exactly {@code size} bytes, for the body-size curves: as many
   * products as fit, then spaces (JSON allows trailing white space) to make up the length.
   */
  static byte[] sized(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write('[');
    for (long id = 0; ; id++) {
      for (Catalog.Product product : Catalog.of(id).items()) {
        byte[] item = json(product);
        // one byte for the comma or the first item's nothing, one for the closing bracket
        if (out.size() + item.length + 2 > size) {
          out.write(']');
          byte[] body = Arrays.copyOf(out.toByteArray(), size);
          Arrays.fill(body, out.size(), size, (byte) ' ');
          return body;
        }
        if (out.size() > 1) {
          out.write(',');
        }
        out.writeBytes(item);
      }
    }
  }

  private static byte[] json(Object value) {
    try {
      return Catalog.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
