package io.cachelet.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read access to header fields by case-insensitive name: what the policy needs of a request's or a
 * response's headers. A request's are read from the request on demand (see {@link
 * ServletFacts#read}) rather than copied, since the policy asks for a dozen fields at most.
 */
interface HeaderFields {

  /** The values of {@code name}, in order; empty when absent. */
  List<String> all(String name);

  default boolean has(String name) {
    return !all(name).isEmpty();
  }

  /** The first value of {@code name}. */
  default Optional<String> first(String name) {
    List<String> list = all(name);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every comma-separated element of every value of {@code name}, trimmed (RFC 9110 §5.6.1). */
  default List<String> elements(String name) {
    List<String> values = all(name);
    if (values.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String value : values) {
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
  default boolean hasDirective(String field, String directive) {
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
  default OptionalLong directiveSeconds(String field, String directive) {
    for (String element : elements(field)) {
      int eq = element.indexOf('=');
      if (eq > 0 && element.substring(0, eq).trim().equalsIgnoreCase(directive)) {
        long seconds = DeltaSeconds.parse(element.substring(eq + 1).trim().replace("\"", ""));
        // RFC 9111 §1.2.2: an invalid delta-seconds is treated as the directive being absent
        return seconds < 0 ? OptionalLong.empty() : OptionalLong.of(seconds);
      }
    }
    return OptionalLong.empty();
  }
}
