package io.cachelet.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An ordered, case-insensitive multimap of header fields that keeps the first spelling of each
 * name. Immutable views are handed out; the policy reads headers only through this type.
 */
final class Headers {

  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  static Headers of(Map<String, List<String>> fields) {
    Headers headers = new Headers();
    fields.forEach((name, list) -> list.forEach(v -> headers.add(name, v)));
    return headers;
  }

  void add(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    names.putIfAbsent(key, name);
    values.computeIfAbsent(key, k -> new ArrayList<>()).add(value == null ? "" : value);
  }

  void set(String name, String value) {
    remove(name);
    add(name, value);
  }

  void remove(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    names.remove(key);
    values.remove(key);
  }

  void clear() {
    names.clear();
    values.clear();
  }

  boolean has(String name) {
    return values.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** The values of {@code name}, in order; empty when absent. */
  List<String> all(String name) {
    List<String> list = values.get(name.toLowerCase(Locale.ROOT));
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  /** The first value of {@code name}. */
  Optional<String> first(String name) {
    List<String> list = all(name);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every comma-separated element of every value of {@code name}, trimmed (RFC 9110 §5.6.1). */
  List<String> elements(String name) {
    List<String> out = new ArrayList<>();
    for (String value : all(name)) {
      for (String element : value.split(",")) {
        String trimmed = element.trim();
        if (!trimmed.isEmpty()) {
          out.add(trimmed);
        }
      }
    }
    return out;
  }

  /** Whether a {@code Cache-Control}-like field holds {@code directive} (case-insensitive). */
  boolean hasDirective(String field, String directive) {
    for (String element : elements(field)) {
      int eq = element.indexOf('=');
      String name = (eq < 0 ? element : element.substring(0, eq)).trim();
      if (name.equalsIgnoreCase(directive)) {
        return true;
      }
    }
    return false;
  }

  /** The delta-seconds argument of {@code directive} in a {@code Cache-Control}-like field. */
  OptionalLong directiveSeconds(String field, String directive) {
    for (String element : elements(field)) {
      int eq = element.indexOf('=');
      if (eq > 0 && element.substring(0, eq).trim().equalsIgnoreCase(directive)) {
        String arg = element.substring(eq + 1).trim().replace("\"", "");
        try {
          return OptionalLong.of(Math.max(0, Long.parseLong(arg)));
        } catch (NumberFormatException e) {
          // RFC 9111 §1.2.2: an invalid delta-seconds is treated as the directive being absent
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  /** Each name in its first spelling with its values, in insertion order. */
  Map<String, List<String>> asMap() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    values.forEach((key, list) -> out.put(names.get(key), List.copyOf(list)));
    return out;
  }

  Headers copy() {
    Headers copy = new Headers();
    values.forEach((key, list) -> list.forEach(v -> copy.add(names.get(key), v)));
    return copy;
  }
}
