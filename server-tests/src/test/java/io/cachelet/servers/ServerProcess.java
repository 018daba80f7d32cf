package io.cachelet.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application server running as a child process, its output in a log file under {@code target/}.
 * Started ready (an HTTP probe answers 200) or not at all: a server that does not come up fails the
 * test with its log.
 */
final class ServerProcess implements AutoCloseable {

  /** Generous: servers start slowly on a loaded two-core machine. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final String name;
  private final Process process;
  private final Path log;
  private final Duration startTime;

  private ServerProcess(String name, Process process, Path log, Duration startTime) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.startTime = startTime;
  }

  /**
   * Runs {@code command} in {@code directory} and waits until {@code probe} answers 200.
   *
   * @throws AssertionError with the server's log when it exits or does not answer in time
   */
  static ServerProcess start(String name, List<String> command, Path directory, Path log, URI probe)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = started + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + " while starting:\n" + read(log));
      }
      if (answers(client, probe)) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println(name + " answered " + probe + " after " + took.toMillis() + " ms");
        return new ServerProcess(name, process, log, took);
      }
      Thread.sleep(500);
    }
    stop(process);
    throw new AssertionError(
        name + " did not answer " + probe + " within " + START_TIMEOUT + ":\n" + read(log));
  }

  private static boolean answers(HttpClient client, URI probe) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build();
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port nobody listens on now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How long the server took from launch to its first 200. */
  Duration startTime() {
    return startTime;
  }

  /** The server's output so far, for a failure message. */
  String log() {
    return name + " log (" + log + "):\n" + read(log);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the server by its pid: SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() {
    try {
      stop(process);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
