package io.cachelet.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An ordered, case-insensitive multimap of header fields that keeps the first spelling of each
 * name: a response's headers as captured and stored. Immutable views are handed out.
 */
final class Headers implements HeaderFields {

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

  @Override
  public boolean has(String name) {
    return values.containsKey(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public List<String> all(String name) {
    List<String> list = values.get(name.toLowerCase(Locale.ROOT));
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  /** Calls {@code action} with each field, name in its first spelling, in insertion order. */
  void forEach(BiConsumer<String, String> action) {
    values.forEach(
        (key, list) -> {
          String name = names.get(key);
          for (String value : list) {
            action.accept(name, value);
          }
        });
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
