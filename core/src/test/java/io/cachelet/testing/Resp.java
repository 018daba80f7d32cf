package io.cachelet.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol (RESP2) for the fixture's administration: one connection per
 * command, so it works whatever state the clients under test left the server in.
 */
final class Resp {

  private static final int TIMEOUT_MILLIS = 5_000;

  private Resp() {}

  /**
   * Sends {@code args}, after AUTH when {@code password} is not null and SELECT when {@code
   * database} is not 0, and renders the reply.
   */
  static String command(
      String host, int port, String user, String password, int database, String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      if (password != null) {
        write(
            out,
            user == null ? new String[] {"AUTH", password} : new String[] {"AUTH", user, password});
        render(read(in));
      }
      if (database != 0) {
        write(out, "SELECT", Integer.toString(database));
        render(read(in));
      }
      write(out, args);
      return render(read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Redis at " + host + ":" + port + " did not answer " + args[0], e);
    }
  }

  private static void write(OutputStream out, String... args) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(buffer.toByteArray());
    out.flush();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+', ':':
        return line;
      case '-':
        throw new IllegalStateException("Redis replied with an error: " + line);
      case '$':
        {
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(length + 2);
          return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int length = Integer.parseInt(line);
          List<Object> items = new ArrayList<>();
          for (int i = 0; i < length; i++) {
            items.add(read(in));
          }
          return items;
        }
      default:
        throw new IOException("Unexpected reply type '" + (char) type + "': " + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new IOException("Connection closed mid-reply");
      }
      line.write(b);
    }
    in.read(); // '\n'
    return line.toString(StandardCharsets.UTF_8);
  }

  private static String render(Object reply) {
    if (reply instanceof List<?> items) {
      List<String> lines = new ArrayList<>();
      items.forEach(item -> lines.add(render(item)));
      return String.join("\n", lines);
    }
    return String.valueOf(reply);
  }
}
