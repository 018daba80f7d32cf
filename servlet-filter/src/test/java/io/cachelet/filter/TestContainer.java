package io.cachelet.filter;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.List;

/** A real servlet container the suite runs in, on a free loopback port. */
interface TestContainer {

  /**
   * Starts one web application per element of {@code apps}, at /app, /app2, …, all on one port;
   * each runs its filters in order before {@code servlet}, everything mapped to /*.
   */
  List<URI> start(HttpServlet servlet, List<List<Filter>> apps) throws Exception;

  /** Starts one web application at /app. */
  default URI start(HttpServlet servlet, Filter... filters) throws Exception {
    return start(servlet, List.of(List.of(filters))).get(0);
  }

  /** Stops the container. */
  void stop() throws Exception;
}
