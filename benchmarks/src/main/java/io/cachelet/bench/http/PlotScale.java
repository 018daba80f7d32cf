package io.cachelet.bench.http;

/** Linear mapping of a value onto pixels, for {@link CurvePlot}. */
final class PlotScale {

  private PlotScale() {}

  /**
   * Maps {@code value} from {@code [from, to]} onto {@code [pixelFrom, pixelTo]} (either way round:
   * screen y grows downwards), rounded to the nearest pixel.
   */
  static int map(double value, double from, double to, int pixelFrom, int pixelTo) {
    if (from == to) {
      throw new IllegalArgumentException("an empty range: " + from);
    }
    return (int) Math.round(pixelFrom + (value - from) / (to - from) * (pixelTo - pixelFrom));
  }
}
