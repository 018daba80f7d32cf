package io.cachelet.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of laying out a server and its deployment under {@code target/}. */
final class Deployment {

  private Deployment() {}

  /** The folder the build unpacked the server distributions and WAR copies into. */
  static Path serversDir() {
    String dir = System.getProperty("cachelet.servers.dir");
    if (dir == null) {
      throw new IllegalStateException(
          "cachelet.servers.dir is not set: run the server tests with mvn verify");
    }
    return Path.of(dir);
  }

  /** A system property the build passes, e.g. a server's version. */
  static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          property + " is not set: run the server tests with mvn verify");
    }
    return value;
  }

  /** {@code dir}, emptied or created. */
  static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(Deployment::delete);
      }
    }
    return Files.createDirectories(dir);
  }

  /** Copies the tree {@code from} into {@code to}, replacing files already there. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Copies the test resource {@code name} to {@code target}, replacing it. */
  static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = Deployment.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("No test resource " + name);
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The java launcher of the JDK running the tests. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
