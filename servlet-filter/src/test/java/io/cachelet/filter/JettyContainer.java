package io.cachelet.filter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty 12, ee10 environment. */
final class JettyContainer implements TestContainer {

  private Server server;

  @Override
  public List<URI> start(HttpServlet servlet, List<List<Filter>> apps) throws Exception {
    List<Map<String, HttpServlet>> servlets = new ArrayList<>();
    apps.forEach(filters -> servlets.add(Map.of("/*", servlet)));
    return start(apps, servlets);
  }

  /**
   * Starts one web application at /app: {@code filters} in order on /*, then the servlets, each
   * mapped to its path spec (e.g. {@code /admin/cache/*}).
   */
  URI start(List<Filter> filters, Map<String, HttpServlet> servlets) throws Exception {
    return start(List.of(filters), List.of(servlets)).get(0);
  }

  private List<URI> start(List<List<Filter>> apps, List<Map<String, HttpServlet>> servlets)
      throws Exception {
    server = new Server(new QueuedThreadPool(260, 8));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(512);
    server.addConnector(connector);
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    List<String> paths = new ArrayList<>();
    for (int a = 0; a < apps.size(); a++) {
      String path = a == 0 ? "/app" : "/app" + (a + 1);
      paths.add(path);
      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
      context.setContextPath(path);
      int i = 0;
      for (Filter filter : apps.get(a)) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setName("filter" + i++);
        holder.setAsyncSupported(true);
        // mapped for more than REQUEST on purpose: the filter must ignore the other dispatches
        context.addFilter(
            holder,
            "/*",
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR));
      }
      servlets
          .get(a)
          .forEach(
              (spec, servlet) -> {
                ServletHolder holder = new ServletHolder(servlet);
                holder.setAsyncSupported(true);
                context.addServlet(holder, spec);
              });
      contexts.addHandler(context);
    }
    server.setHandler(contexts);
    server.start();
    String root = "http://127.0.0.1:" + connector.getLocalPort();
    return paths.stream().map(p -> URI.create(root + p)).toList();
  }

  @Override
  public void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
