package io.cachelet.filter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * First in the chain: records anything thrown through it (then rethrows it), and which servlet path
 * the container gave each request it let in, so that a test can tell a request the container
 * refused from one that reached the application.
 */
final class EscapeGuard implements Filter {

  final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private final AtomicLong requests = new AtomicLong();
  private volatile String lastServletPath = "";

  /** How many requests (not other dispatches) reached the chain so far. */
  long requests() {
    return requests.get();
  }

  /** The servlet path of the last request that reached the chain. */
  String lastServletPath() {
    return lastServletPath;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      lastServletPath = ((HttpServletRequest) request).getServletPath();
      requests.incrementAndGet();
    }
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      escaped.add(e);
      throw e;
    }
  }
}
