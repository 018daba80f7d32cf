package io.cachelet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process this JVM started on a free loopback port, in a temporary
 * directory, persisting nothing. Every live process is also killed by a shutdown hook, so an
 * aborted run leaves none behind.
 */
final class RedisProcess implements RedisServer {

  static final String HOST = "127.0.0.1";

  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
  private static final int START_ATTEMPTS = 5;
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> LIVE.forEach(RedisProcess::kill), "cachelet-redis-test-server-reaper"));
  }

  /** The PEM files of a TLS server. */
  record TlsFiles(Path certificate, Path privateKey, Path caCertificate) {}

  /** The log line of a server ready for clients. */
  private static final String READY = "Ready to accept connections";

  /** The log line of a sentinel that has read its configuration and listens. */
  private static final String SENTINEL_READY = "Sentinel ID is";

  private final Path binary;
  private final Path dir;
  private final Path configFile;
  private final String readyLine;
  private final List<String> extraArgs;
  private final TlsFiles tls;
  private final String password;
  private int port;
  private Process process;

  private RedisProcess(
      Path binary,
      Path dir,
      Path configFile,
      String readyLine,
      List<String> extraArgs,
      TlsFiles tls) {
    this.binary = binary;
    this.dir = dir;
    this.configFile = configFile;
    this.readyLine = readyLine;
    this.extraArgs = List.copyOf(extraArgs);
    this.tls = tls;
    int at = this.extraArgs.indexOf("--requirepass");
    this.password = at >= 0 && at + 1 < this.extraArgs.size() ? this.extraArgs.get(at + 1) : null;
  }

  /** Starts a server with the binary the run uses for processes of its own. */
  static RedisProcess start(List<String> extraArgs, TlsFiles tls) {
    return launched(binary(), null, READY, extraArgs, tls);
  }

  /**
   * Starts a server with the {@code redis-server} on the PATH, for what the embedded 6.2 binary
   * lacks (such as {@code --cluster-port}).
   */
  static RedisProcess startOnPath(List<String> extraArgs) {
    return launched(requireOnPath(), null, READY, extraArgs, null);
  }

  /**
   * Starts {@code redis-server configFile --sentinel} with the {@code redis-server} on the PATH.
   * The file must be writable: a sentinel rewrites its configuration.
   */
  static RedisProcess startSentinel(Path configFile) {
    return launched(requireOnPath(), configFile, SENTINEL_READY, List.of("--sentinel"), null);
  }

  private static RedisProcess launched(
      Path binary, Path configFile, String readyLine, List<String> extraArgs, TlsFiles tls) {
    try {
      RedisProcess server =
          new RedisProcess(
              binary,
              Files.createTempDirectory("cachelet-redis-"),
              configFile,
              readyLine,
              extraArgs,
              tls);
      server.launchOnFreePort();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path requireOnPath() {
    return RedisBinary.onPath()
        .orElseThrow(() -> Availability.missing("No redis-server on the PATH"));
  }

  /**
   * {@code redis-server} from the PATH, else embedded-redis' binary; {@code
   * -Dcachelet.test.redis=embedded} (or {@code binary}) forces one of them.
   */
  private static Path binary() {
    String forced = RedisExtension.forcedSource().orElse("");
    Optional<Path> binary =
        switch (forced) {
          case "embedded" -> RedisBinary.embedded();
          case "binary" -> RedisBinary.onPath();
          default -> RedisBinary.onPath().or(RedisBinary::embedded);
        };
    if (binary.isEmpty() && !forced.isEmpty()) {
      throw new IllegalStateException(
          "-D" + RedisExtension.SOURCE_PROPERTY + "=" + forced + " but that Redis is not there");
    }
    return binary.orElseThrow(
        () ->
            Availability.missing(
                "No redis-server on the PATH and no embedded-redis binary for this platform"));
  }

  private void launchOnFreePort() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      port = freePort();
      try {
        launch();
        return;
      } catch (PortTakenException e) {
        last = e; // another process took the port between our probe and its bind: try another
      }
    }
    throw new IllegalStateException("No free port after " + START_ATTEMPTS + " attempts", last);
  }

  /** A port nothing listens on right now, on the loopback address. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> commandLine() {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    if (configFile != null) {
      command.add(configFile.toString()); // a configuration file must come first
    }
    command.addAll(List.of("--bind", HOST));
    if (tls == null) {
      command.addAll(List.of("--port", Integer.toString(port)));
    } else {
      command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port)));
      command.addAll(List.of("--tls-cert-file", tls.certificate().toString()));
      command.addAll(List.of("--tls-key-file", tls.privateKey().toString()));
      command.addAll(List.of("--tls-ca-cert-file", tls.caCertificate().toString()));
      command.addAll(List.of("--tls-auth-clients", "no"));
    }
    command.addAll(List.of("--save", "", "--appendonly", "no", "--daemonize", "no"));
    command.addAll(List.of("--dir", dir.toString(), "--logfile", ""));
    command.addAll(extraArgs);
    return command;
  }

  /** Starts the process and waits for its "ready" log line. */
  private void launch() {
    Path log = dir.resolve("redis-" + port + ".log");
    try {
      Files.deleteIfExists(log);
      process =
          new ProcessBuilder(commandLine())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + binary, e);
    }
    LIVE.add(process);
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (System.nanoTime() < deadline) {
      String output = read(log);
      if (output.contains(readyLine)) {
        return;
      }
      if (!process.isAlive()) {
        LIVE.remove(process);
        if (output.contains("Address already in use")) {
          throw new PortTakenException();
        }
        if (tls != null) {
          throw Availability.missing(binary + " can't serve TLS: " + tail(output));
        }
        throw new IllegalStateException(binary + " exited at start-up: " + tail(output));
      }
      pause(20);
    }
    kill(process);
    throw new IllegalStateException(binary + " did not get ready in time: " + tail(read(log)));
  }

  private static final class PortTakenException extends IllegalStateException {
    PortTakenException() {
      super("port taken");
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String output) {
    return output.length() <= 2000 ? output : output.substring(output.length() - 2000);
  }

  /** Sleeps; an interruption ends the test. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Redis", e);
    }
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String url() {
    return (tls == null ? "redis://" : "rediss://") + HOST + ":" + port;
  }

  @Override
  public boolean controllable() {
    return true;
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      kill(process);
      LIVE.remove(process);
    }
  }

  /** SIGCONT (a stopped process can't handle SIGTERM), SIGTERM, then SIGKILL after 5 s. */
  private static void kill(Process process) {
    if (!process.isAlive()) {
      return;
    }
    signal(process.pid(), "CONT"); // a stopped process would not act on SIGTERM
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Sends {@code signal} to {@code pid} with kill(1); returns whether it was delivered. */
  private static boolean signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run kill -" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signalling Redis", e);
    }
  }

  private void signalOrFail(String signal) {
    if (process == null || !process.isAlive() || !signal(process.pid(), signal)) {
      throw new IllegalStateException("Could not send SIG" + signal + " to " + this);
    }
  }

  @Override
  public synchronized void freeze() {
    signalOrFail("STOP");
  }

  @Override
  public synchronized void resume() {
    signalOrFail("CONT");
  }

  /** Stops the server and starts it on the same port; retries while the port is still held. */
  @Override
  public synchronized void restart() {
    stop();
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (true) {
      try {
        launch();
        return;
      } catch (PortTakenException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Port " + port + " stayed taken after a stop", e);
        }
        pause(50);
      }
    }
  }

  @Override
  public void flushAll() {
    command("FLUSHALL");
  }

  @Override
  public String command(String... args) {
    if (tls != null) {
      throw new UnsupportedOperationException("A TLS-only server has no plain port to administer");
    }
    return Resp.command(HOST, port, null, password, 0, args);
  }

  @Override
  public synchronized void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  @Override
  public String toString() {
    return "redis-server " + binary + " on " + url() + " (pid " + process.pid() + ")";
  }
}
