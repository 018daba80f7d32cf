package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachelet.config.CacheletConfig;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations kit under {@code ops/} checked by the real tools against the real application: the
 * alert rules by {@code promtool check rules} and their unit tests by {@code promtool test rules},
 * every dashboard query by promtool's parser, and every metric either of them names against a
 * {@code /metrics} scrape of the sample on Redis with the near cache, so neither can drift from the
 * code. promtool comes from Debian's {@code prometheus} package; without it this fails.
 */
@RedisTest
class OperationsKitTest extends SampleEndToEndBase {

  private static final Path OPS = Path.of("").toAbsolutePath().getParent().resolve("ops");
  private static final Path ALERTS = OPS.resolve("prometheus/cachelet-alerts.yml");
  private static final Path ALERT_TESTS = OPS.resolve("prometheus/cachelet-alerts.test.yml");
  private static final Path DASHBOARD = OPS.resolve("grafana/cachelet-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\bcachelet_[a-z0-9_]+");

  @BeforeAll
  void startOnRedisWithTheNearCache(RedisServer redis) throws StartupException {
    start(
        settings(
            CacheletConfig.builder()
                .redisUrl(redis.url())
                .keyPrefix("sample-ops-kit")
                .nearCacheEnabled(true)
                .build()));
  }

  @Test
  void theAlertRulesPassPromtoolsCheckAndTheirUnitTests() throws Exception {
    promtool(OPS.resolve("prometheus"), "check", "rules", ALERTS.getFileName().toString());
    promtool(OPS.resolve("prometheus"), "test", "rules", ALERT_TESTS.getFileName().toString());
  }

  @Test
  void everyDashboardQueryIsValidPromql(@TempDir Path dir) throws Exception {
    // each query as a recording rule, Grafana's variables replaced by what they stand for
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    List<String> queries = dashboardQueries();
    for (int i = 0; i < queries.size(); i++) {
      String query =
          queries
              .get(i)
              .replace("$__rate_interval", "5m")
              .replace("$job", ".*")
              .replace("$instance", ".*");
      rules.append("      - record: dashboard:query").append(i).append('\n');
      rules.append("        expr: '").append(query.replace("'", "''")).append("'\n");
    }
    Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

    promtool(dir, "check", "rules", "dashboard-queries.yml");
  }

  @Test
  void theDashboardShowsWhatAnOperatorNeeds() throws IOException {
    List<String> titles = new ArrayList<>();
    JSON.readTree(DASHBOARD.toFile())
        .get("panels")
        .forEach(p -> titles.add(p.get("title").asText()));

    assertThat(titles)
        .contains(
            "Hit ratio per route",
            "Hit ratio per cache",
            "Store latency",
            "Breaker state",
            "Store memory",
            "Evictions",
            "Near-cache invalidation lag");
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardNameIsExportedByTheApplication() throws IOException {
    // traffic on a route, a method cache and the near cache, so that every meter has a series
    client.get("/api/products/1");
    client.get("/api/products/1");
    client.get("/api/products");
    client.get("/api/categories");
    String scrape = client.get("/metrics").body();
    Set<String> exported = new TreeSet<>();
    scrape
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));

    Set<String> named = new TreeSet<>(metricsIn(Files.readString(ALERTS)));
    dashboardQueries().forEach(query -> named.addAll(metricsIn(query)));

    assertThat(named).as("metrics the ops kit names").hasSizeGreaterThan(15);
    assertThat(exported).as("what /metrics exports").containsAll(named);
  }

  private static List<String> dashboardQueries() throws IOException {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.get("expr").asText());
      }
    }
    assertThat(queries).as("dashboard queries").isNotEmpty();
    return queries;
  }

  private static Set<String> metricsIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }

  /** Runs promtool in {@code dir} and fails with its output unless it succeeds. */
  private static void promtool(Path dir, String... args) throws Exception {
    Path promtool =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(entry -> Path.of(entry, "promtool"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "promtool is not on the PATH: install Debian's prometheus package"
                            + " (apt-get install prometheus), which .ci/run does"));
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " did not finish within 60 s");
    }
    assertThat(process.exitValue())
        .as("promtool " + String.join(" ", args) + " said:\n" + output)
        .isZero();
  }
}
