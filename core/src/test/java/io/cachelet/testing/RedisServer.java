package io.cachelet.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * A Redis server a test talks to. Servers from {@link RedisTest} are closed by the extension;
 * servers from {@link #start} and {@link #startTls} by the test (try-with-resources), and in any
 * case when the JVM exits.
 *
 * <p>Only a server process of the test's own ({@link #controllable()}) can be stopped, frozen and
 * restarted; the others throw {@link UnsupportedOperationException}.
 */
public interface RedisServer extends AutoCloseable {

  /** The loopback host the server listens on. */
  String host();

  /** The port the server listens on (the TLS port for a TLS server). */
  int port();

  /**
   * {@code redis://host:port}, or {@code rediss://} for a TLS server. For a server given by {@code
   * REDIS_URL} it is that URL, credentials and database included.
   */
  String url();

  /** Whether this test owns the server process, so {@link #stop} and friends work. */
  boolean controllable();

  /** Stops the server (SIGTERM, then SIGKILL if it lingers); connections are refused after. */
  void stop();

  /** Suspends the server process (SIGSTOP): connections open, but nothing is answered. */
  void freeze();

  /** Wakes a {@link #freeze frozen} server (SIGCONT). */
  void resume();

  /** Starts the server again on the same port with the same arguments, empty. */
  void restart();

  /** Deletes every key. */
  void flushAll();

  /**
   * Sends one command as the administrator (authenticated with {@code --requirepass} when it was
   * given) and returns the reply as text: numbers as digits, arrays one element per line.
   */
  String command(String... args);

  /** Stops the server if the test owns it and deletes its files. */
  @Override
  void close();

  /**
   * Starts a server process of the caller's own with {@code extraArgs} appended to the command
   * line, e.g. {@code --requirepass secret}: the {@code redis-server} on the PATH, else the binary
   * in embedded-redis. Aborts the test (fails it when {@code CI=true}) when neither runs.
   */
  static RedisServer start(List<String> extraArgs) {
    return RedisProcess.start(extraArgs, null);
  }

  /**
   * Starts a TLS-only server process ({@code --port 0 --tls-port P}) with the server certificate,
   * its key and the CA certificate, all PEM files. Clients need not present a certificate. Aborts
   * the test (fails it when {@code CI=true}) when no binary with TLS support is there.
   */
  static RedisServer startTls(Path certificate, Path privateKey, Path caCertificate) {
    return RedisProcess.start(
        List.of(), new RedisProcess.TlsFiles(certificate, privateKey, caCertificate));
  }
}
