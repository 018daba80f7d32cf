package io.cachelet.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk once and reads, around the run, the CPU time of the processes that serve the requests.
 * wrk's own CPU is not among them: it stands for the clients, which a real host does not pay for.
 */
final class Wrk {

  private static final Pattern RESULT =
      Pattern.compile(
          "BENCH requests=(\\d+) bytes=(\\d+) duration_us=(\\d+) p50_us=([\\d.]+)"
              + " p99_us=([\\d.]+) errors=(\\d+) non2xx=(\\d+)");

  private final Path work;
  private final CpuTime cpu;

  Wrk(Path work, CpuTime cpu) {
    this.work = work;
    this.cpu = cpu;
  }

  /**
   * One run of {@code seconds} against {@code url}. {@code serving} are the pids whose process
   * trees serve the requests; their CPU ticks are read just before wrk starts and just after it
   * ends, so the idle time between runs is not counted.
   */
  Result run(String url, Scenario s, int threads, int connections, int seconds, List<Long> serving)
      throws IOException, InterruptedException {
    Path script = work.resolve(s.name() + ".lua");
    Files.writeString(script, Scenarios.lua(s), StandardCharsets.UTF_8);
    List<String> command =
        List.of(
            "wrk",
            // wrk refuses more threads than connections
            "-t" + Math.min(threads, connections),
            "-c" + connections,
            "-d" + seconds + "s",
            "--timeout",
            "5s",
            "-s",
            script.toString(),
            url);
    long before = ProcStat.treeTicks(ProcFs.processes(), serving);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    long ticks = ProcStat.treeTicks(ProcFs.processes(), serving) - before;
    Matcher m = RESULT.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk gave no result for " + s.name() + ":\n" + out);
    }
    long requests = Long.parseLong(m.group(1));
    return new Result(
        requests,
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)),
        Double.parseDouble(m.group(4)),
        Double.parseDouble(m.group(5)),
        Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7)),
        ticks,
        cpu.microsPerRequest(ticks, requests));
  }
}
