package io.cachelet.filter;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat: 10.1 here, 9 where javax/filter-tests reruns the Tomcat suites. */
final class TomcatContainer implements TestContainer {

  private Tomcat tomcat;
  private Path base;

  @Override
  public List<URI> start(HttpServlet servlet, List<List<Filter>> apps) throws Exception {
    base = Files.createTempDirectory("tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxThreads", "260");
    connector.setProperty("acceptCount", "512");
    tomcat.setConnector(connector);
    List<String> paths = new ArrayList<>();
    for (int a = 0; a < apps.size(); a++) {
      String path = a == 0 ? "/app" : "/app" + (a + 1);
      paths.add(path);
      Path docBase = Files.createDirectories(base.resolve("docs" + a));
      Context context = tomcat.addContext(path, docBase.toString());
      int i = 0;
      for (Filter filter : apps.get(a)) {
        FilterDef def = new FilterDef();
        def.setFilterName("filter" + i);
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("filter" + i++);
        map.addURLPattern("/*");
        // mapped for more than REQUEST on purpose: the filter must ignore the other dispatches
        map.setDispatcher("REQUEST");
        map.setDispatcher("FORWARD");
        map.setDispatcher("ERROR");
        context.addFilterMap(map);
      }
      Wrapper wrapper = Tomcat.addServlet(context, "origin", servlet);
      wrapper.setAsyncSupported(true);
      wrapper.addMapping("/*");
    }
    tomcat.start();
    String root = "http://127.0.0.1:" + connector.getLocalPort();
    return paths.stream().map(p -> URI.create(root + p)).toList();
  }

  @Override
  public void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (base != null) {
      try (var files = Files.walk(base)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
