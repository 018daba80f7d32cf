package io.cachelet.bench.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes a body from memory, after an optional sleep that stands for the database: {@code raw}
 * without it, {@code origin} with it. The origin behind nginx and Varnish also says how long the
 * body may be cached, since a proxy takes its TTL from the origin.
 */
final class BodyServlet extends HttpServlet {

  private final byte[] body;
  private final Duration databaseCall;
  private final Optional<String> cacheControl;

  BodyServlet(byte[] body, Duration databaseCall) {
    this(body, databaseCall, Optional.empty());
  }

  private BodyServlet(byte[] body, Duration databaseCall, Optional<String> cacheControl) {
    this.body = body;
    this.databaseCall = databaseCall;
    this.cacheControl = cacheControl;
  }

  /** The origin a reverse proxy caches: {@code Cache-Control: max-age=3600}, as for the filter. */
  static BodyServlet cacheableOrigin(byte[] body) {
    return new BodyServlet(body, BenchServer.DATABASE_CALL, Optional.of("max-age=3600"));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!databaseCall.isZero()) {
      try {
        Thread.sleep(databaseCall.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted during the database call");
      }
    }
    cacheControl.ifPresent(value -> response.setHeader("Cache-Control", value));
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
