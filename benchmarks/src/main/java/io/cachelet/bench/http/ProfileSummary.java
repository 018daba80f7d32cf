package io.cachelet.bench.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a profiled run's CPU went: the execution samples of a JFR recording (as {@code HttpBench
 * --jfr} writes) counted by top frame and by the first Cachelet frame.
 *
 * <pre>
 * java -cp benchmarks.jar io.cachelet.bench.http.ProfileSummary hit-memory.jfr [io.cachelet.] [25]
 * </pre>
 */
public final class ProfileSummary {

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    String prefix = args.length > 1 ? args[1] : "io.cachelet.";
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    SampleCounts counts = new SampleCounts(prefix);
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (event.getEventType().getName().equals("jdk.ExecutionSample")
          && event.getStackTrace() != null) {
        counts.add(event.getStackTrace().getFrames().stream().map(ProfileSummary::name).toList());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d execution samples, %d with a %s frame on the stack%n",
        counts.samples(),
        counts.withOurs(),
        prefix);
    print("top frame", counts.topFrames(limit));
    print("first " + prefix + " frame", counts.firstOurFrames(limit));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts) {
    System.out.println("\nby " + title);
    counts.forEach((name, n) -> System.out.printf(Locale.ROOT, "%6d  %s%n", n, name));
  }
}
