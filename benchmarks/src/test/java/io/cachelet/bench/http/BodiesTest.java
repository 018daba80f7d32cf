package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachelet.bench.method.Catalog;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodiesTest {

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1 << 10, 16 << 10, 256 << 10, 1 << 20})
  void aSizedBodyIsAJsonArrayOfProductsOfExactlyThatLength(int size) throws IOException {
    byte[] body = Bodies.sized(size);
    assertThat(body).hasSize(size);
    JsonNode products = Catalog.mapper().readTree(body);
    assertThat(products.isArray()).isTrue();
    assertThat(products.size()).isPositive();
    assertThat(products.get(0).has("name")).isTrue();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1 << 10, 16 << 10, 256 << 10, 1 << 20})
  void aSizeNamesItsPathSuffix(int size) {
    assertThat(Bodies.suffix(size)).matches("-(1k|16k|256k|1m)");
  }
}
