package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the README's five-minute tour as written: every {@code curl} line in the tour's {@code sh}
 * blocks, in order, against a sample started the way the tour starts it (token {@code demo-token},
 * the in-process store), and checks that each {@code # ...} line under it appears in what curl
 * would print (status line, headers, body; case-insensitively).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeTourTest {

  private static final Path README = Path.of("..", "README.md");
  private static final String TOUR = "## A five-minute tour";
  private static final String README_BASE = "http://localhost:8080";

  /** One curl line of the tour and the lines its output must contain. */
  record Step(String command, List<String> expected) {}

  private SampleApp app;
  private SampleClient client;

  @BeforeAll
  void startAsTheTourDoes() throws StartupException {
    app =
        SampleApp.start(
            new SampleSettings(
                "127.0.0.1",
                0,
                SampleSettings.DEFAULT_DB_LATENCY,
                Optional.of("demo-token"),
                CacheletConfig.builder().build()));
    client = new SampleClient(app.uri());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  static List<Step> tour() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf(TOUR);
    assertThat(start).as("README section '%s'", TOUR).isNotNegative();
    int end = readme.indexOf("\n## ", start + TOUR.length());
    List<Step> steps = new ArrayList<>();
    boolean inShell = false;
    for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
      if (line.startsWith("```")) {
        inShell = !inShell && line.equals("```sh");
      } else if (inShell && line.startsWith("curl ")) {
        steps.add(new Step(line, new ArrayList<>()));
      } else if (inShell && line.startsWith("# ") && !steps.isEmpty()) {
        steps.get(steps.size() - 1).expected().add(line.substring(2));
      }
    }
    return steps;
  }

  @Test
  void theTourHasStepsWithExpectations() throws IOException {
    List<Step> steps = tour();

    assertThat(steps).hasSizeGreaterThanOrEqualTo(10);
    assertThat(steps).allMatch(step -> !step.expected().isEmpty());
  }

  @Test
  void everyCurlStepOfTheTourPrintsWhatTheReadmeSays() throws IOException {
    for (Step step : tour()) {
      String printed = run(step.command());
      for (String expected : step.expected()) {
        assertThat(printed.toLowerCase(Locale.ROOT))
            .as("README step: %s%nprinted:%n%s", step.command(), printed)
            .contains(expected.toLowerCase(Locale.ROOT));
      }
    }
  }

  /** Runs one curl command line (the options the tour uses) and renders what {@code -i} prints. */
  private String run(String command) {
    List<String> words = words(command);
    String method = null;
    String body = null;
    List<String> headers = new ArrayList<>();
    String url = null;
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      switch (word) {
        case "-i", "-s" -> {}
        case "-X" -> method = words.get(++i);
        case "-d" -> body = words.get(++i);
        case "-H" -> {
          String header = words.get(++i);
          int colon = header.indexOf(':');
          headers.add(header.substring(0, colon).trim());
          headers.add(header.substring(colon + 1).trim());
        }
        case "-u" -> {
          headers.add("Authorization");
          headers.add(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          words.get(++i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        default -> {
          assertThat(word).as("curl option in '%s'", command).doesNotStartWith("-");
          url = word;
        }
      }
    }
    assertThat(url).as("URL in '%s'", command).startsWith(README_BASE);
    URI target = URI.create(url.replace(README_BASE, app.uri().toString()));
    String path =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    HttpResponse<String> response =
        client.send(
            method == null ? (body == null ? "GET" : "POST") : method,
            path,
            body,
            headers.toArray(String[]::new));
    StringBuilder printed = new StringBuilder("HTTP/1.1 " + response.statusCode() + "\n");
    response
        .headers()
        .map()
        .forEach(
            (name, values) ->
                values.forEach(v -> printed.append(name).append(": ").append(v).append('\n')));
    return printed.append('\n').append(response.body()).toString();
  }

  /** Splits a command line into words, honouring single and double quotes as a shell does. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        if (word == null) {
          word = new StringBuilder();
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
