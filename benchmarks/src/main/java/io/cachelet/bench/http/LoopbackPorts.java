package io.cachelet.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Free loopback ports for the processes the bench starts, and waiting for them to listen. */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /** A port nothing listens on now (the OS picks it; the caller's process binds it next). */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code port} accepts connections, failing early if {@code process} has ended. */
  static void awaitListening(int port, Process process, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " ended with status " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(what + " did not listen on port " + port + " within 30 s");
  }
}
