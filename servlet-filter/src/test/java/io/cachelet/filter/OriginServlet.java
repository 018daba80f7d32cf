package io.cachelet.filter;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** The application behind the filter in the container tests: one behaviour per path. */
final class OriginServlet extends HttpServlet {

  /** A body long enough to be compressed, with characters outside Latin-1. */
  static final String LAST_MODIFIED = "Sun, 01 Nov 2026 10:00:00 GMT";

  /** An incompressible body of 32 KiB per version, so that what a write costs shows. */
  static byte[] validatedBody(int version) {
    byte[] body = new byte[32 << 10];
    new java.util.Random(version).nextBytes(body);
    return body;
  }

  static final String TEXT = "Grüße aus Köln — ünïcödé ✓ ".repeat(40);

  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  volatile boolean failing;
  volatile CountDownLatch gate;
  volatile CountDownLatch entered;
  volatile String lastMethod;
  volatile String lastRange;
  volatile String lastIfNoneMatch;
  volatile int version = 1;
  final AtomicInteger notModified = new AtomicInteger();

  int calls(String pathAndQuery) {
    AtomicInteger n = calls.get(pathAndQuery);
    return n == null ? 0 : n.get();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    String query = req.getQueryString();
    String key = req.getPathInfo() + (query == null ? "" : "?" + query);
    calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    lastMethod = req.getMethod();
    lastRange = req.getHeader("Range");
    lastIfNoneMatch = req.getHeader("If-None-Match");
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    String action = path.substring(path.lastIndexOf('/') + 1);
    switch (action) {
      case "login" -> {
        req.getSession(true);
        text(resp, "logged in");
      }
      case "writer" -> {
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("X-App", "one");
        resp.addHeader("X-App", "two");
        PrintWriter out = resp.getWriter();
        out.print(TEXT);
        // a late charset change is ignored once the writer exists, as on the container
        resp.setCharacterEncoding("ISO-8859-1");
      }
      case "default-charset" -> {
        // no charset given: the writer uses the container's default and the type says which
        resp.setContentType("text/plain");
        resp.getWriter().print("café");
      }
      case "locale-charset" -> {
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-16BE");
        resp.getWriter().print("naïve ✓");
        resp.setContentType("text/plain;charset=ISO-8859-1");
      }
      case "stream" -> {
        resp.setContentType("application/octet-stream");
        ServletOutputStream out = resp.getOutputStream();
        for (int i = 0; i < 1000; i++) {
          out.write(i & 0xFF);
        }
      }
      case "both" -> {
        resp.getOutputStream();
        try {
          resp.getWriter();
          text(resp, "no exception");
        } catch (IllegalStateException e) {
          resp.getOutputStream().write("exclusive".getBytes(StandardCharsets.US_ASCII));
        }
      }
      case "reset" -> {
        resp.setHeader("X-Gone", "yes");
        resp.getWriter().print("garbage");
        resp.reset();
        resp.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.print("junk");
        out.flush();
        resp.resetBuffer();
        out.print("clean body");
      }
      case "flush" -> {
        resp.setContentType("text/plain");
        resp.getOutputStream().write("part one, ".getBytes(StandardCharsets.US_ASCII));
        resp.flushBuffer();
        resp.setHeader("X-Late", "after-flush");
        resp.getOutputStream().write("part two".getBytes(StandardCharsets.US_ASCII));
      }
      case "length" -> {
        byte[] body = "sized body".getBytes(StandardCharsets.US_ASCII);
        resp.setContentType("text/plain");
        resp.setContentLengthLong(body.length);
        resp.getOutputStream().write(body);
      }
      case "cookie" -> {
        resp.addCookie(new Cookie("tracking", "u-" + calls(key)));
        text(resp, "with a cookie");
      }
      case "cookie-header" -> {
        resp.setHeader("Set-Cookie", "a=b");
        text(resp, "with a cookie header");
      }
      case "private" -> cacheControl(resp, "private, max-age=60");
      case "no-store" -> cacheControl(resp, "no-store");
      case "no-cache" -> cacheControl(resp, "no-cache");
      case "max-age" -> cacheControl(resp, "max-age=0");
      case "cdn" -> {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("CDN-Cache-Control", "max-age=120");
        text(resp, "targeted");
      }
      case "vary-star" -> {
        resp.setHeader("Vary", "*");
        text(resp, "varies on everything");
      }
      case "vary-cookie" -> {
        resp.setHeader("Vary", "Cookie");
        text(resp, "varies on cookies");
      }
      case "not-found" -> {
        resp.setStatus(404);
        text(resp, "nothing here");
      }
      case "teapot" -> {
        resp.setStatus(418);
        text(resp, "short and stout");
      }
      case "server-error" -> {
        resp.setStatus(500);
        text(resp, "broken");
      }
      case "send-error" -> resp.sendError(404, "gone");
      case "redirect" -> resp.sendRedirect("/elsewhere");
      case "events" -> {
        resp.setContentType("text/event-stream");
        resp.getWriter().print("data: one\n\n");
      }
      case "big" -> {
        resp.setContentType("application/octet-stream");
        long size = Long.parseLong(req.getParameter("size"));
        byte[] chunk = new byte[64 * 1024];
        ServletOutputStream out = resp.getOutputStream();
        for (long sent = 0; sent < size; sent += chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
        }
      }
      case "big-held" -> {
        // the first call overflows any small limit, then holds its response open at the gate
        resp.setContentType("application/octet-stream");
        ServletOutputStream out = resp.getOutputStream();
        out.write(new byte[200_000]);
        out.flush();
        if (calls(key) == 1) {
          entered.countDown();
          try {
            gate.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      case "throw" -> throw new ServletException("the application failed");
      case "etag" -> {
        resp.setHeader("ETag", "W/\"v1\"");
        resp.setHeader("Last-Modified", "Sun, 01 Nov 2026 10:00:00 GMT");
        text(resp, "versioned");
      }
      case "validated" -> {
        // answers its own validators with a 304, as an application with ETags would
        String etag = "\"v" + version + "\"";
        resp.setHeader("ETag", etag);
        resp.setHeader("X-Checked", Integer.toString(calls(key)));
        if (etag.equals(req.getHeader("If-None-Match"))) {
          notModified.incrementAndGet();
          resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
          return;
        }
        resp.setContentType("application/octet-stream");
        resp.getOutputStream().write(validatedBody(version));
      }
      case "modified" -> {
        resp.setHeader("Last-Modified", LAST_MODIFIED);
        long since = req.getDateHeader("If-Modified-Since");
        if (since >= 0 && version == 1) {
          notModified.incrementAndGet();
          resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
          return;
        }
        text(resp, "modified version " + version);
      }
      case "gzipped" -> {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("Content-Encoding", "gzip");
        resp.getOutputStream().write(gzip(TEXT));
      }
      case "tagged" -> {
        resp.setHeader("Cache-Tag", "product-7, catalog");
        text(resp, "tagged");
      }
      case "async" -> {
        AsyncContext async = req.startAsync();
        async.start(
            () -> {
              try {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().print("async " + TEXT);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              } finally {
                async.complete();
              }
            });
      }
      case "non-blocking" -> {
        AsyncContext async = req.startAsync();
        resp.setContentType("text/plain;charset=UTF-8");
        ServletOutputStream out = resp.getOutputStream();
        byte[] body = ("non-blocking " + TEXT).getBytes(StandardCharsets.UTF_8);
        out.setWriteListener(
            new WriteListener() {
              private int sent;

              @Override
              public void onWritePossible() throws IOException {
                while (out.isReady()) {
                  if (sent == body.length) {
                    async.complete();
                    return;
                  }
                  int n = Math.min(100, body.length - sent);
                  out.write(body, sent, n);
                  sent += n;
                }
              }

              @Override
              public void onError(Throwable t) {
                async.complete();
              }
            });
      }
      case "async-timeout" -> {
        AsyncContext async = req.startAsync();
        async.setTimeout(200);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print("half a response");
      }
      case "flaky" -> {
        if (failing) {
          if ("throw".equals(req.getParameter("mode"))) {
            throw new ServletException("origin down");
          }
          resp.setStatus(503);
          text(resp, "unavailable");
        } else {
          text(resp, "healthy " + calls(key));
        }
      }
      case "gated" -> {
        CountDownLatch in = entered;
        if (in != null) {
          in.countDown();
        }
        CountDownLatch g = gate;
        if (g != null) {
          try {
            g.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        text(resp, "version " + calls(key));
      }
      case "slow" -> {
        try {
          Thread.sleep(400);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        text(resp, "slow " + calls(key));
      }
      case "slow-private" -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        resp.setHeader("Cache-Control", "private");
        text(resp, "for user " + req.getParameter("u"));
      }
      case "create" -> {
        resp.setStatus(201);
        resp.setHeader("Location", req.getContextPath() + "/r/plain?" + req.getQueryString());
        text(resp, "created");
      }
      case "forward" -> req.getRequestDispatcher("/r/plain").forward(req, resp);
      default -> text(resp, "plain " + path);
    }
  }

  private static void cacheControl(HttpServletResponse resp, String value) throws IOException {
    resp.setHeader("Cache-Control", value);
    text(resp, "cache-control " + value);
  }

  private static void text(HttpServletResponse resp, String body) throws IOException {
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().print(body);
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
