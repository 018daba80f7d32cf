package io.cachelet.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/** Where a {@code redis-server} executable comes from: the PATH or the embedded-redis jar. */
final class RedisBinary {

  private static Path extracted;

  private RedisBinary() {}

  /** The {@code redis-server} on the PATH, if there is one. */
  static Optional<Path> onPath() {
    return onPath("redis-server");
  }

  /** The executable {@code name} on the PATH ({@code redis-server}, {@code redis-cli}), if any. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The binary shipped inside {@code com.github.codemonstur:embedded-redis} for this platform,
   * copied to a temporary executable file once per JVM. We run it ourselves rather than through
   * that library so that the process can be signalled (frozen, resumed) like any other.
   */
  static synchronized Optional<Path> embedded() {
    if (extracted != null) {
      return Optional.of(extracted);
    }
    Optional<String> resource = embeddedResource();
    if (resource.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource.get())) {
      if (in == null) {
        return Optional.empty();
      }
      Path file = Files.createTempFile("cachelet-redis-server-", "");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      if (!file.toFile().setExecutable(true, true)) {
        throw new IOException("Could not make " + file + " executable");
      }
      file.toFile().deleteOnExit();
      extracted = file;
      return Optional.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not extract the embedded redis-server", e);
    }
  }

  /** The resource names embedded-redis 1.4.4 ships its binaries under. */
  private static Optional<String> embeddedResource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    if (os.contains("linux")) {
      if (x64) {
        return Optional.of("redis-server-6.2.6-v5-linux-amd64");
      }
      if (arm) {
        return Optional.of("redis-server-6.2.7-linux-arm64");
      }
      if (arch.equals("x86") || arch.equals("i386")) {
        return Optional.of("redis-server-6.2.7-linux-386");
      }
    } else if (os.contains("mac")) {
      return Optional.of(
          arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64");
    }
    return Optional.empty();
  }
}
