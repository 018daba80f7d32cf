package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar's web fragment in real Tomcat and Jetty web applications: the filter jar sits in
 * WEB-INF/lib (built from this module's classes and resources), the application is described by its
 * own web.xml, and the filter caches only when the application opted in.
 */
class FragmentTest {

  static final String ROUTES =
      "<context-param><param-name>cachelet.routes</param-name>"
          + "<param-value>hello /hello/* ttl=1m</param-value></context-param>";

  /** The application's servlet: every response it writes is numbered, so a cached one repeats. */
  public static final class Hello extends HttpServlet {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().print("hello " + CALLS.incrementAndGet());
    }
  }

  final HttpClient client = HttpClient.newHttpClient();
  Path base;
  Tomcat tomcat;
  Server jetty;

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty"})
  void withoutOptInTheJarChangesNothing(String container) throws Exception {
    URI app = deploy(container, webXml("", ""), false);
    assertNotCached(app);
    assertThat(get(app.resolve("app/admin/cache")).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty"})
  void aContextParamOptsIn(String container) throws Exception {
    URI app = deploy(container, webXml("", ROUTES), false);
    HttpResponse<String> first = get(app.resolve("app/hello/a"));
    HttpResponse<String> second = get(app.resolve("app/hello/a"));
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue(CacheStatus.X_CACHE)).hasValue("HIT");
    assertThat(get(app.resolve("app/admin/cache")).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty"})
  void aRoutesFileOnTheClassPathOptsIn(String container) throws Exception {
    URI app = deploy(container, webXml("", ""), true);
    get(app.resolve("app/hello/b"));
    assertThat(get(app.resolve("app/hello/b")).headers().firstValue(CacheStatus.X_CACHE))
        .hasValue("HIT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty"})
  void enabledFalseKeepsItOff(String container) throws Exception {
    String off =
        "<context-param><param-name>cachelet.enabled</param-name>"
            + "<param-value>false</param-value></context-param>";
    assertNotCached(deploy(container, webXml("", ROUTES + off), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty"})
  void metadataCompleteLeavesTheFragmentOut(String container) throws Exception {
    assertNotCached(deploy(container, webXml(" metadata-complete=\"true\"", ROUTES), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty"})
  void anAbsoluteOrderingWithoutItLeavesTheFragmentOut(String container) throws Exception {
    String ordering = "<absolute-ordering/>";
    assertNotCached(deploy(container, webXml("", ROUTES + ordering), true));
  }

  void assertNotCached(URI app) throws Exception {
    HttpResponse<String> first = get(app.resolve("app/hello/c"));
    HttpResponse<String> second = get(app.resolve("app/hello/c"));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isNotEqualTo(first.body());
    assertThat(second.headers().firstValue(CacheStatus.CACHE_STATUS)).isEmpty();
    assertThat(second.headers().firstValue(CacheStatus.X_CACHE)).isEmpty();
  }

  static String webXml(String attributes, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\""
        + attributes
        + ">"
        + body
        + "<servlet><servlet-name>hello</servlet-name><servlet-class>"
        + Hello.class.getName()
        + "</servlet-class></servlet>"
        + "<servlet-mapping><servlet-name>hello</servlet-name>"
        + "<url-pattern>/hello/*</url-pattern></servlet-mapping></web-app>";
  }

  /** Lays out a web application with the filter jar in WEB-INF/lib and starts it at /app. */
  URI deploy(String container, String webXml, boolean routesFile) throws Exception {
    base = Files.createTempDirectory("fragment");
    Path webapp = Files.createDirectories(base.resolve("webapp"));
    Path webInf = Files.createDirectories(webapp.resolve("WEB-INF"));
    Files.writeString(webInf.resolve("web.xml"), webXml);
    filterJar(
        Files.createDirectories(webInf.resolve("lib")).resolve("cachelet-servlet-filter.jar"));
    if (routesFile) {
      Path classes = Files.createDirectories(webInf.resolve("classes"));
      Files.writeString(classes.resolve(RouteGrammar.CLASSPATH_ROUTES), "hello /hello/* ttl=1m\n");
    }
    return container.equals("tomcat") ? startTomcat(webapp) : startJetty(webapp);
  }

  URI startTomcat(Path webapp) throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context =
        tomcat.addWebapp(tomcat.getHost(), "/app", webapp.toString(), new ContextConfig());
    // only WEB-INF/lib: this module's classes on the test class path carry the fragment too
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    context.setJarScanner(scanner);
    tomcat.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  URI startJetty(Path webapp) throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    WebAppContext context = new WebAppContext(webapp.toString(), "/app");
    context.setThrowUnavailableOnStartupException(true);
    jetty.setHandler(context);
    jetty.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  /** The filter jar: this module's main classes and resources, web fragment included. */
  static void filterJar(Path jar) throws Exception {
    Path classes =
        Path.of(FragmentListener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }

  HttpResponse<String> get(URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (jetty != null) {
      jetty.stop();
    }
    if (base != null) {
      try (Stream<Path> files = Files.walk(base)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
