package io.cachelet.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads every process's {@code /proc/PID/stat} line; the arithmetic is in {@link ProcStat}. */
final class ProcFs {

  private static final Path PROC = Path.of("/proc");

  private ProcFs() {}

  static List<ProcStat> processes() {
    List<ProcStat> all = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path dir : entries.toList()) {
        if (dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
          read(dir).ifPresent(all::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  private static Optional<ProcStat> read(Path dir) {
    try {
      return Optional.of(
          ProcStat.parse(Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII)));
    } catch (NoSuchFileException e) {
      // the process ended between the listing and the read
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code getconf CLK_TCK}, asked once: the unit of the stat lines' CPU fields. */
  static CpuTime clockTicks() throws IOException, InterruptedException {
    Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
    String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (getconf.waitFor() != 0) {
      throw new IllegalStateException("getconf CLK_TCK failed: " + out);
    }
    return new CpuTime(Long.parseLong(out.trim()));
  }
}
