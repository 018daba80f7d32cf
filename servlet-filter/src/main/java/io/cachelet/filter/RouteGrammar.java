package io.cachelet.filter;

import io.cachelet.config.ConfigException;
import io.cachelet.config.DurationFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses the string configuration of the filter: its init-params and routes files. The grammar:
 *
 * <pre>
 * routes      = *( line ( LF / ";" ) )          ; in the "routes" init-param or a routes file
 * line        = blank / "#" comment / route
 * route       = name 1*WS pattern *( 1*WS option )
 * name        = 1*64( ALPHA / DIGIT / "." / "_" / "-" )
 * pattern     = 1*( "/" segment ) / "/"         ; segment: literal, "*" (one), final "**" (any)
 * option      = key "=" value                   ; no spaces around "="
 *   ttl=DURATION (0: none)  stale=DURATION  keep=DURATION  lock=DURATION  ; DURATION: 250ms, 30s, 1d, PT10M
 *   vary=HEADER[,HEADER]...      query=all | none | NAME[,NAME]...
 *   tags=TAG[,TAG]...            statuses=CODE[,CODE]...     max-body=SIZE (512, 64KiB, 1MiB)
 *   ttl-from=route | cache-control | FIELD (a targeted field such as CDN-Cache-Control)
 *   per-principal=true|false     strip-set-cookie=true|false     encrypt=true|false
 *   evict-tags=TAG[,TAG]...      evict-routes=ROUTE[,ROUTE]...
 *   heuristic=PERCENT% (0% to 100%)   heuristic-max=DURATION   honour-request-directives=true|false
 * </pre>
 *
 * Filter-wide init-params: {@code routes}, {@code routes-file} ({@code classpath:NAME} or a path in
 * the web application), {@code hosts}, {@code trust-forwarded-host}, {@code auth-cookies}, {@code
 * honour-request-no-cache}, {@code shadow}, {@code cache-name}, {@code tag-header}, {@code
 * stampede-wait}. With neither {@code routes} nor {@code routes-file}, {@value #CLASSPATH_ROUTES}
 * is read from the class path when present. Every error is a {@link ConfigException} naming the
 * init-param (and the line), the value and what would be accepted.
 */
final class RouteGrammar {

  /** The routes file looked for on the class path when no init-param names routes. */
  static final String CLASSPATH_ROUTES = "cachelet-routes.conf";

  static final Set<String> PARAMS =
      Set.of(
          "routes",
          "routes-file",
          "hosts",
          "trust-forwarded-host",
          "auth-cookies",
          "honour-request-no-cache",
          "shadow",
          "cache-name",
          "tag-header",
          "stampede-wait");

  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,10})\\s*(|b|kib|kb|k|mib|mb|m|gib|gb|g)", Pattern.CASE_INSENSITIVE);

  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

  private RouteGrammar() {}

  /**
   * Rules from init-params.
   *
   * @param params init-param values by name; null when absent
   * @param names the init-param names present, checked against {@link #PARAMS}
   * @param resources opens a {@code routes-file}: a path in the web application, or {@code
   *     classpath:NAME}; returns null when there is none
   */
  static RouteRules fromParams(
      Function<String, String> params,
      Iterable<String> names,
      Function<String, InputStream> resources) {
    for (String name : names) {
      if (!PARAMS.contains(name)) {
        throw new ConfigException(
            name, "Unknown init-param '" + name + "'; known: " + String.join(", ", sorted()));
      }
    }
    RouteRules.Builder rules = RouteRules.builder();
    String inline = params.apply("routes");
    String file = params.apply("routes-file");
    if (inline != null) {
      parseRoutes(inline, "routes", rules);
    }
    if (file != null) {
      parseRoutes(read(file.trim(), "routes-file", resources), "routes-file " + file, rules);
    }
    if (inline == null && file == null) {
      InputStream in = resources.apply("classpath:" + CLASSPATH_ROUTES);
      if (in != null) {
        parseRoutes(read(in, CLASSPATH_ROUTES), CLASSPATH_ROUTES, rules);
      }
    }
    setting(params, "hosts", v -> rules.hosts(list(v)));
    setting(params, "trust-forwarded-host", v -> rules.trustForwardedHost(bool(v)));
    setting(params, "auth-cookies", v -> rules.authCookies(list(v)));
    setting(params, "honour-request-no-cache", v -> rules.honourRequestNoCache(bool(v)));
    setting(params, "shadow", v -> rules.shadow(bool(v)));
    setting(params, "cache-name", v -> rules.cacheName(v.trim()));
    setting(params, "tag-header", v -> rules.tagHeader(v.trim()));
    setting(params, "stampede-wait", v -> rules.stampedeWait(DurationFormat.parse(v)));
    try {
      return rules.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("routes", e.getMessage(), e);
    }
  }

  /** Parses route lines from {@code text} into {@code rules}; {@code source} names it in errors. */
  static void parseRoutes(String text, String source, RouteRules.Builder rules) {
    String[] lines = text.split("\\R|;");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ", route " + (i + 1) + " ('" + line + "')";
      String[] words = line.split("\\s+");
      if (words.length < 2) {
        throw new ConfigException(source, where + ": expected 'NAME /PATTERN [key=value]...'");
      }
      try {
        rules.route(words[0], words[1], b -> options(words, b, where));
      } catch (ConfigException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source, where + ": " + e.getMessage(), e);
      }
    }
  }

  private static void options(String[] words, Route.Builder b, String where) {
    Set<String> seen = new HashSet<>();
    for (int w = 2; w < words.length; w++) {
      String word = words[w];
      int eq = word.indexOf('=');
      if (eq <= 0 || eq == word.length() - 1) {
        throw new IllegalArgumentException("option '" + word + "' is not key=value");
      }
      String key = word.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = word.substring(eq + 1);
      if (!seen.add(key)) {
        throw new IllegalArgumentException("option '" + key + "' is given twice");
      }
      try {
        option(key, value, b);
      } catch (IllegalArgumentException e) {
        // every error names the option it is about, even one a shared parser raised
        String message = e.getMessage();
        throw message.startsWith(key) ? e : new IllegalArgumentException(key + ": " + message, e);
      }
    }
  }

  private static void option(String key, String value, Route.Builder b) {
    switch (key) {
      case "ttl" -> b.ttl(duration(key, value));
      case "stale" -> b.staleGrace(duration(key, value));
      case "keep" -> b.keep(duration(key, value));
      case "lock" -> b.lock(duration(key, value));
      case "vary" -> b.vary(list(value));
      case "query" -> {
        switch (value.toLowerCase(Locale.ROOT)) {
          case "all" -> b.allQueryParameters();
          case "none" -> b.queryAllowlist(List.of());
          default -> b.queryAllowlist(List.of(list(value)));
        }
      }
      case "tags" -> b.tags(list(value));
      case "statuses" -> b.statuses(statuses(value));
      case "max-body" -> b.maxBodyBytes(size(value));
      case "ttl-from" -> {
        switch (value.toLowerCase(Locale.ROOT)) {
          case "route" -> {}
          case "cache-control" -> b.ttlFromCacheControl();
          default -> b.ttlFromTargetedField(value);
        }
      }
      case "per-principal" -> b.perPrincipal(bool(value));
      case "strip-set-cookie" -> b.stripSetCookie(bool(value));
      case "encrypt" -> b.encrypt(bool(value));
      case "evict-tags" -> b.evictTags(list(value));
      case "evict-routes" -> b.evictRoutes(list(value));
      case "heuristic" -> b.heuristic(percent(value));
      case "heuristic-max" -> b.heuristicMax(duration(key, value));
      case "honour-request-directives" -> b.honourRequestDirectives(bool(value));
      default ->
          throw new IllegalArgumentException(
              "unknown option '"
                  + key
                  + "'; known: ttl, stale, keep, lock, vary, query, tags, statuses, max-body, ttl-from,"
                  + " per-principal, strip-set-cookie, evict-tags, evict-routes, encrypt,"
                  + " heuristic, heuristic-max, honour-request-directives");
    }
  }

  /** A whole percentage such as {@code 10%}. */
  private static int percent(String value) {
    Matcher m = PERCENT.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "heuristic '" + value + "' is not a percentage such as 10%");
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * A byte size: digits with an optional unit b, k/kb/kib, m/mb/mib, g/gb/gib (all powers of 2).
   */
  static long size(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "max-body '" + value + "' is not a size such as 65536, 64KiB or 1MiB");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "b" -> amount;
      case "kib", "kb", "k" -> amount << 10;
      case "mib", "mb", "m" -> amount << 20;
      default -> amount << 30;
    };
  }

  private static Duration duration(String key, String value) {
    try {
      return DurationFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static Integer[] statuses(String value) {
    List<Integer> out = new ArrayList<>();
    for (String code : list(value)) {
      try {
        out.add(Integer.parseInt(code));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("statuses: '" + code + "' is not a status code", e);
      }
    }
    return out.toArray(Integer[]::new);
  }

  private static String[] list(String value) {
    return java.util.Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }

  private static boolean bool(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
    };
  }

  private static void setting(
      Function<String, String> params, String name, java.util.function.Consumer<String> apply) {
    String value = params.apply(name);
    if (value == null) {
      return;
    }
    try {
      apply.accept(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          name, "init-param " + name + "='" + value + "': " + e.getMessage(), e);
    }
  }

  private static String read(String file, String param, Function<String, InputStream> resources) {
    InputStream in = resources.apply(file);
    if (in == null) {
      throw new ConfigException(
          param,
          "init-param "
              + param
              + "='"
              + file
              + "' names no readable file (use a path in the web application or classpath:NAME)");
    }
    return read(in, file);
  }

  private static String read(InputStream in, String name) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().collect(Collectors.joining("\n"));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ConfigException(name, "Can't read routes file " + name + ": " + e.getMessage(), e);
    }
  }

  private static List<String> sorted() {
    return PARAMS.stream().sorted().toList();
  }
}
