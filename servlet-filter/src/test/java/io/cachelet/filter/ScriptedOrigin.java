package io.cachelet.filter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application that answers each path with the status and fields a test scripted for it, as a
 * legacy servlet that sends its own caching headers would; its {@code Date} is the test's clock. A
 * conditional request whose {@code If-None-Match} holds the scripted {@code ETag} gets a 304 with
 * the scripted fields.
 */
final class ScriptedOrigin extends HttpServlet {

  /** What a path answers. */
  record Script(int status, List<String> fields, String body) {}

  private final Clock clock;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, String> conditions = new ConcurrentHashMap<>();

  ScriptedOrigin(Clock clock) {
    this.clock = clock;
  }

  /** Scripts {@code path} to answer {@code status} with {@code fields} (name, value, …). */
  void answer(String path, int status, String body, String... fields) {
    scripts.put(path, new Script(status, List.of(fields), body));
  }

  int calls(String path) {
    AtomicInteger n = calls.get(path);
    return n == null ? 0 : n.get();
  }

  /** The {@code If-None-Match} of the last request to {@code path}; empty when it had none. */
  String lastIfNoneMatch(String path) {
    return conditions.getOrDefault(path, "");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path =
        req.getPathInfo() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
    calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    String condition = req.getHeader("If-None-Match");
    conditions.put(path, condition == null ? "" : condition);
    Script script = scripts.getOrDefault(path, new Script(404, List.of(), "no script"));
    resp.setHeader("Date", HttpDates.format(clock.instant()));
    List<String> fields = script.fields();
    String etag = null;
    for (int i = 0; i < fields.size(); i += 2) {
      resp.addHeader(fields.get(i), fields.get(i + 1));
      if (fields.get(i).equalsIgnoreCase("ETag")) {
        etag = fields.get(i + 1);
      }
    }
    if (etag != null && etag.equals(condition) && script.status() == 200) {
      resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    resp.setStatus(script.status());
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getOutputStream().write(script.body().getBytes(StandardCharsets.UTF_8));
  }
}
