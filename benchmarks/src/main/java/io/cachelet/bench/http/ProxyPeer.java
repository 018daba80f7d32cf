package io.cachelet.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reverse-proxy cache the bench starts in front of its origin, on a free loopback port: Debian's
 * nginx with {@code proxy_cache}, or Varnish with its default VCL. It is stopped by its pid when
 * closed, and by a shutdown hook if the bench ends another way, so no peer outlives a run.
 */
final class ProxyPeer implements AutoCloseable {

  private final Front front;
  private final Process process;
  private final int port;
  private final Thread hook;

  private ProxyPeer(Front front, Process process, int port) {
    this.front = front;
    this.process = process;
    this.port = port;
    this.hook = new Thread(this::stop, front + " peer stopper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** nginx, one worker, its configuration and every file it writes under {@code dir}. */
  static ProxyPeer nginx(Path dir, int originPort) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = LoopbackPorts.free();
    Path conf = dir.resolve("nginx.conf");
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(
        conf, NginxConfig.render(port, originPort, dir, root), StandardCharsets.UTF_8);
    // -e: the error log before the configuration is read would otherwise go to /var/log/nginx
    List<String> command =
        List.of(
            "nginx",
            "-p",
            dir.toString(),
            "-c",
            conf.toString(),
            "-e",
            dir.resolve("error.log").toString());
    return start(Front.NGINX, command, dir, port);
  }

  /**
   * varnishd in the foreground with the default VCL (the built-in rules: no cookies, no {@code
   * Authorization}, the TTL from the origin's {@code Cache-Control}) and a 256 MB malloc store.
   * {@code -j none}: no jail, so the child can use the working directory the bench made.
   */
  static ProxyPeer varnish(Path dir, int originPort) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = LoopbackPorts.free();
    List<String> command =
        List.of(
            "varnishd",
            "-F",
            "-j",
            "none",
            "-a",
            "127.0.0.1:" + port,
            "-b",
            "127.0.0.1:" + originPort,
            "-s",
            "malloc,256m",
            "-n",
            dir.resolve("varnish").toString());
    return start(Front.VARNISH, command, dir, port);
  }

  private static ProxyPeer start(Front front, List<String> command, Path dir, int port)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.log").toFile())
            .start();
    ProxyPeer peer = new ProxyPeer(front, process, port);
    try {
      LoopbackPorts.awaitListening(port, process, String.join(" ", command));
    } catch (IllegalStateException e) {
      peer.close();
      throw new IllegalStateException(
          e.getMessage()
              + "\n"
              + Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8),
          e);
    }
    return peer;
  }

  Front front() {
    return front;
  }

  int port() {
    return port;
  }

  /** The master (nginx) or manager (Varnish) process; its workers and child descend from it. */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    stop();
    Runtime.getRuntime().removeShutdownHook(hook);
  }

  /**
   * SIGTERM to the master, which stops its workers; any child still there after the master ended
   * (it was killed, say) is stopped by its own pid.
   */
  private void stop() {
    List<Long> children = ProcStat.children(ProcFs.processes(), process.pid());
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (long child : children) {
      ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
