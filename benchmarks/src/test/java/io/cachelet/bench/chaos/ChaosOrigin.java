package io.cachelet.bench.chaos;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application behind the filter: for {@code /item/N} a body that is a pure function of N,
 * followed by the time it was rendered, so a client can tell both that a body is the origin's and
 * how old a cached copy of it is.
 */
final class ChaosOrigin extends HttpServlet {

  private final transient Clock clock;
  private final transient AtomicLong calls = new AtomicLong();

  ChaosOrigin(Clock clock) {
    this.clock = clock;
  }

  /** The part of the body for {@code item} that never changes. */
  static String content(String item) {
    return "{\"item\":\""
        + item
        + "\",\"text\":\""
        + ("payload of " + item + " ").repeat(40)
        + "\"";
  }

  /** The whole body as rendered at {@code millis}. */
  static String body(String item, long millis) {
    return content(item) + ",\"renderedAt\":" + millis + "}";
  }

  long calls() {
    return calls.get();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    calls.incrementAndGet();
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    String item = path.substring(path.lastIndexOf('/') + 1);
    byte[] body = body(item, clock.millis()).getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
