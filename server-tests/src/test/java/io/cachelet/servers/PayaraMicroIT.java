package io.cachelet.servers;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Payara Micro 6 ({@code fish.payara.extras:payara-micro}), its own Weld running the WAR unchanged:
 * a file realm named as the WAR's {@code realm-name}, its users and groups created by {@code
 * --postbootcommandfile}, groups mapped to the roles of the same name; the Redis URL as the system
 * property {@code cachelet.redis.url}; clustering off.
 */
class PayaraMicroIT extends ServerContract {

  private int port;

  @Override
  ServerProcess start(String redisUrl) throws Exception {
    Path servers = Deployment.serversDir();
    Path base = Deployment.fresh(servers.resolve("payara-base"));
    for (String file :
        List.of("postboot.asadmin", "alice.password", "bob.password", "admin.password")) {
      Deployment.copyResource("payara/" + file, base.resolve(file));
    }
    port = ServerProcess.freePort();
    List<String> command =
        List.of(
            Deployment.java(),
            "-Xmx512m",
            "-Dcachelet.redis.url=" + redisUrl,
            "-jar",
            servers.resolve("payara-micro.jar").toString(),
            "--nocluster",
            "--port",
            Integer.toString(port),
            "--rootdir",
            base.resolve("root").toString(),
            "--postbootcommandfile",
            base.resolve("postboot.asadmin").toString(),
            "--deploy",
            servers.resolve("war/cachelet-sample.war").toString());
    return ServerProcess.start(
        "Payara Micro",
        command,
        base,
        base.resolve("console.log"),
        URI.create(base() + "/metrics"));
  }

  @Override
  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/cachelet-sample");
  }
}
