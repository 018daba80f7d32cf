package io.cachelet.servers;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A standalone Tomcat from an {@code org.apache.tomcat:tomcat} zip, with Weld Servlet in the WAR's
 * {@code WEB-INF/lib} (Tomcat has no CDI of its own, so the build adds it), users and roles in
 * {@code tomcat-users.xml}, and the Redis URL as the system property {@code cachelet.redis.url}.
 * One subclass per Tomcat version says which distribution and deployment to launch.
 */
abstract class StandaloneTomcat extends ServerContract {

  private final String name;
  private final String versionProperty;
  private final String layout;
  private int port;

  /**
   * @param name what the logs and failures call the server
   * @param versionProperty the system property with the distribution's version, which names its
   *     folder {@code apache-tomcat-VERSION} in the servers folder
   * @param layout the prefix of the folders there: {@code LAYOUT-app/cachelet-sample} is the
   *     deployment the build prepared, {@code LAYOUT-base} the server's base this class lays out
   */
  StandaloneTomcat(String name, String versionProperty, String layout) {
    this.name = name;
    this.versionProperty = versionProperty;
    this.layout = layout;
  }

  @Override
  ServerProcess start(String redisUrl) throws Exception {
    Path servers = Deployment.serversDir();
    Path home = servers.resolve("apache-tomcat-" + Deployment.required(versionProperty));
    Path base = Deployment.fresh(servers.resolve(layout + "-base"));
    Deployment.copyTree(home.resolve("conf"), base.resolve("conf"));
    Deployment.copyResource("tomcat/conf/server.xml", base.resolve("conf/server.xml"));
    Deployment.copyResource("tomcat/conf/tomcat-users.xml", base.resolve("conf/tomcat-users.xml"));
    Deployment.copyTree(
        servers.resolve(layout + "-app/cachelet-sample"), base.resolve("webapps/cachelet-sample"));
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
        name, command, base, base.resolve("logs/console.log"), URI.create(base() + "/metrics"));
  }

  @Override
  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/cachelet-sample");
  }
}
