package io.cachelet.bench.http;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the curves as a PNG with the JDK's own imaging (headless, no dependency): two panels, CPU
 * per request over {@code raw}'s against body size and against connections, one line per series,
 * the median pair as the point and the range of the pairs as a bar, and {@code raw} itself as the
 * dashed line at 1.
 */
final class CurvePlot {

  static final int PANEL_WIDTH = 520;
  static final int HEIGHT = 400;
  private static final int MARGIN = 60;
  private static final List<String> SERIES = List.of("hit-memory", "hit-redis", "nginx-hit");
  private static final List<Color> COLOURS =
      List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c));

  private CurvePlot() {}

  static void write(List<Curves.Point> points, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    // one scale for both panels, so that their heights compare
    double top =
        Math.max(1.2, points.stream().mapToDouble(p -> p.cpuRatio().max()).max().orElse(1));
    panel(g, 0, "body size, 64 connections", "body", points, top);
    panel(g, PANEL_WIDTH, "connections, 2 KB body", "connections", points, top);
    g.dispose();
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(image, "png", png.toFile());
  }

  private static void panel(
      Graphics2D g, int left, String title, String axis, List<Curves.Point> all, double top) {
    List<Curves.Point> points = all.stream().filter(p -> p.axis().equals(axis)).toList();
    List<Integer> xs = points.stream().map(Curves.Point::x).distinct().sorted().toList();
    int x0 = left + MARGIN;
    int x1 = left + PANEL_WIDTH - 20;
    int y0 = HEIGHT - MARGIN;
    int y1 = 40;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    g.drawString("CPU per request / raw: " + title, x0, 24);
    g.drawLine(x0, y0, x1, y0);
    g.drawLine(x0, y0, x0, y1);
    for (double tick = 0; tick <= top; tick += 0.5) {
      int y = PlotScale.map(tick, 0, top, y0, y1);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x0 + 1, y, x1, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.1f", tick), x0 - 30, y + 4);
    }
    for (int i = 0; i < xs.size(); i++) {
      int x = PlotScale.map(i, -0.5, xs.size() - 0.5, x0, x1);
      g.drawString(label(axis, xs.get(i)), x - 16, y0 + 18);
    }
    g.setColor(Color.GRAY);
    g.setStroke(
        new BasicStroke(
            1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    int one = PlotScale.map(1, 0, top, y0, y1);
    g.drawLine(x0 + 1, one, x1, one);
    g.drawString("raw", x1 - 26, one - 4);
    for (int k = 0; k < SERIES.size(); k++) {
      String series = SERIES.get(k);
      g.setColor(COLOURS.get(k));
      g.setStroke(new BasicStroke(2));
      int px = -1;
      int py = -1;
      for (int i = 0; i < xs.size(); i++) {
        int xi = xs.get(i);
        Curves.Point p =
            points.stream()
                .filter(q -> q.series().equals(series) && q.x() == xi)
                .findFirst()
                .orElse(null);
        if (p == null) {
          continue;
        }
        // a small offset per series, so that ranges of equal points do not hide each other
        int x = PlotScale.map(i, -0.5, xs.size() - 0.5, x0, x1) + (k - 1) * 5;
        int y = PlotScale.map(p.cpuRatio().median(), 0, top, y0, y1);
        g.drawLine(
            x,
            PlotScale.map(p.cpuRatio().min(), 0, top, y0, y1),
            x,
            PlotScale.map(p.cpuRatio().max(), 0, top, y0, y1));
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.fillRect(x0 + 10, y1 + 8 + k * 16, 12, 4);
      g.drawString(series, x0 + 28, y1 + 14 + k * 16);
    }
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.BLACK);
  }

  private static String label(String axis, int x) {
    if (!axis.equals("body")) {
      return String.valueOf(x);
    }
    return x >= 1 << 20 ? (x >> 20) + " MB" : (x >> 10) + " KB";
  }
}
