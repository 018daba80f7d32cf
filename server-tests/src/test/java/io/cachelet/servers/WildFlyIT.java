package io.cachelet.servers;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * WildFly from the {@code org.wildfly:wildfly-dist} zip, its own Weld running the WAR unchanged:
 * users and roles in {@code application-users.properties} and {@code application-roles.properties}
 * (what {@code add-user.sh -a} writes), the Redis URL as the system property {@code
 * cachelet.redis.url}. Launched through {@code jboss-modules.jar} as {@code standalone.sh} does, so
 * that the pid stopped is the server's own.
 */
class WildFlyIT extends ServerContract {

  /** The JDK module options {@code bin/common.sh} adds on a modular JDK. */
  private static final List<String> MODULAR_JDK_OPTIONS =
      List.of(
          "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
          "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
          "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
          "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
          "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
          "--add-opens=java.base/com.sun.net.ssl.internal.ssl=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.security=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.management/javax.management=ALL-UNNAMED",
          "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

  private int port;

  @Override
  ServerProcess start(String redisUrl) throws Exception {
    Path servers = Deployment.serversDir();
    Path home = servers.resolve("wildfly-" + Deployment.required("cachelet.wildfly.version"));
    Path base = Deployment.fresh(servers.resolve("wildfly-base"));
    Deployment.copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
    for (String file : List.of("application-users.properties", "application-roles.properties")) {
      Deployment.copyResource(
          "wildfly/configuration/" + file, base.resolve("configuration/" + file));
    }
    Path deployments = Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        servers.resolve("war/cachelet-sample.war"), deployments.resolve("cachelet-sample.war"));
    port = ServerProcess.freePort();
    List<String> command = new ArrayList<>();
    command.add(Deployment.java());
    command.addAll(
        List.of(
            "-D[Standalone]",
            "-Xmx512m",
            "-Djava.net.preferIPv4Stack=true",
            "-Djboss.modules.system.pkgs=org.jboss.byteman",
            "-Djava.awt.headless=true"));
    command.addAll(MODULAR_JDK_OPTIONS);
    command.addAll(
        List.of(
            "-Dorg.jboss.boot.log.file=" + base.resolve("log/server.log"),
            "-Dlogging.configuration=file:" + base.resolve("configuration/logging.properties"),
            "-jar",
            home.resolve("jboss-modules.jar").toString(),
            "-mp",
            home.resolve("modules").toString(),
            "org.jboss.as.standalone",
            "-Djboss.home.dir=" + home,
            "-Djboss.server.base.dir=" + base,
            "-Djboss.bind.address=127.0.0.1",
            "-Djboss.bind.address.management=127.0.0.1",
            "-Djboss.http.port=" + port,
            "-Djboss.https.port=" + ServerProcess.freePort(),
            "-Djboss.ajp.port=" + ServerProcess.freePort(),
            "-Djboss.management.http.port=" + ServerProcess.freePort(),
            "-Djboss.management.https.port=" + ServerProcess.freePort(),
            "-Dcachelet.redis.url=" + redisUrl));
    return ServerProcess.start(
        "WildFly", command, base, base.resolve("log/console.log"), URI.create(base() + "/metrics"));
  }

  @Override
  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/cachelet-sample");
  }
}
