package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvePlotTest {

  @Test
  void drawsBothPanelsAsAPngWithEverySeriesInItsColour(@TempDir Path dir) throws IOException {
    List<Curves.Point> points = new ArrayList<>();
    for (String series : List.of("hit-memory", "hit-redis", "nginx-hit")) {
      for (int size : Bodies.CURVE_SIZES) {
        points.add(point("body", series, size, 1.4));
      }
      for (int connections : Curves.CONNECTIONS) {
        points.add(point("connections", series, connections, 0.7));
      }
    }
    Path png = dir.resolve("docs").resolve("curves.png");

    CurvePlot.write(points, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * CurvePlot.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(CurvePlot.HEIGHT);
    for (int colour : new int[] {0x1f77b4, 0xd62728, 0x2ca02c}) {
      assertThat(count(image, colour)).as("pixels of %06x", colour).isGreaterThan(50);
    }
  }

  private static Curves.Point point(String axis, String series, int x, double ratio) {
    Spread spread = new Spread(ratio, ratio - 0.1, ratio + 0.1, 2);
    return new Curves.Point(axis, series, x, spread, spread, 0);
  }

  private static long count(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }
}
