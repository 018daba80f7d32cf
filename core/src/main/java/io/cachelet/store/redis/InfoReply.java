package io.cachelet.store.redis;

import io.cachelet.store.StoreMemory;
import java.util.HashMap;
import java.util.Map;

/** Reads the figures Cachelet needs out of an {@code INFO} reply's {@code field:value} lines. */
final class InfoReply {

  private final Map<String, String> fields = new HashMap<>();

  private InfoReply(String reply) {
    for (String line : reply.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
  }

  /**
   * The memory figures of one server's {@code INFO} reply (its memory and stats sections).
   *
   * @throws IllegalArgumentException when a figure is missing or not a number
   */
  static StoreMemory memoryOf(String reply) {
    InfoReply info = new InfoReply(reply);
    return new StoreMemory(
        info.number("used_memory"), info.number("maxmemory"), info.number("evicted_keys"));
  }

  private long number(String field) {
    String value = fields.get(field);
    if (value == null) {
      throw new IllegalArgumentException("INFO has no " + field);
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("INFO " + field + " is not a number: " + value, e);
    }
  }
}
