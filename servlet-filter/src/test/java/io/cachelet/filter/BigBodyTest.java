package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 200 MiB response through a route limited to 1 MiB, in a JVM whose whole heap is 64 MiB: the
 * body streams through in constant memory and is not stored.
 */
class BigBodyTest {

  static final long SIZE = 200L << 20;
  static final long LIMIT = 1L << 20;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void aBodyFarLargerThanTheHeapStreamsThroughAndIsNotStored(String container)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx64m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BigBodyCheck.class.getName(),
                    container,
                    Long.toString(SIZE),
                    Long.toString(LIMIT)))
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("received " + SIZE + " Cachelet; fwd=miss; fwd-status=200; detail=TOO-LARGE")
        .contains("origin calls 2");
  }
}
