package io.cachelet.bench.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Writes a body from memory, after an optional sleep that stands for the database: {@code raw}
 * without it, {@code origin} with it.
 */
final class BodyServlet extends HttpServlet {

  private final byte[] body;
  private final Duration databaseCall;

  BodyServlet(byte[] body, Duration databaseCall) {
    this.body = body;
    this.databaseCall = databaseCall;
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
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
