package io.cachelet.servers;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Standalone Tomcat 10.1 from the {@code org.apache.tomcat:tomcat} zip, with Weld Servlet added to
 * the WAR's {@code WEB-INF/lib} (Tomcat has no CDI of its own), users and roles in {@code
 * tomcat-users.xml}, and the Redis URL as the system property {@code cachelet.redis.url}.
 */
class TomcatIT extends ServerContract {

  private int port;

  @Override
  ServerProcess start(String redisUrl) throws Exception {
    Path servers = Deployment.serversDir();
    Path home = servers.resolve("apache-tomcat-" + Deployment.required("cachelet.tomcat.version"));
    Path base = Deployment.fresh(servers.resolve("tomcat-base"));
    Deployment.copyTree(home.resolve("conf"), base.resolve("conf"));
    Deployment.copyResource("tomcat/conf/server.xml", base.resolve("conf/server.xml"));
    Deployment.copyResource("tomcat/conf/tomcat-users.xml", base.resolve("conf/tomcat-users.xml"));
    Deployment.copyTree(
        servers.resolve("tomcat-app/cachelet-sample"), base.resolve("webapps/cachelet-sample"));
    for (String dir : List.of("logs", "temp", "work")) {
      Deployment.fresh(base.resolve(dir));
    }
    port = ServerProcess.freePort();
    List<String> command =
        List.of(
            Deployment.java(),
            "-Dcatalina.home=" + home,
            "-Dcatalina.base=" + base,
            "-Djava.io.tmpdir=" + base.resolve("temp"),
            "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
            "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
            "-Dhttp.port=" + port,
            "-Dcachelet.redis.url=" + redisUrl,
            "-cp",
            home.resolve("bin/bootstrap.jar")
                + File.pathSeparator
                + home.resolve("bin/tomcat-juli.jar"),
            "org.apache.catalina.startup.Bootstrap",
            "start");
    return ServerProcess.start(
        "Tomcat", command, base, base.resolve("logs/console.log"), URI.create(base() + "/metrics"));
  }

  @Override
  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/cachelet-sample");
  }
}
