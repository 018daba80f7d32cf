package io.cachelet.filter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request as the application sees it when the cache fills an entry: a GET for the whole
 * representation, whatever part of it the client asked for. A HEAD becomes a GET, so its response
 * has a body to store and it shares the fill of concurrent GETs (as nginx's {@code
 * proxy_cache_convert_head} and Varnish's built-in VCL do); the container still sends no body to a
 * HEAD client. {@code Range} and {@code If-Range} are hidden, since the range is cut from the
 * stored response; so are the client's conditional fields when the cache revalidates its own copy
 * with the {@code validators} given.
 */
final class FillRequest extends HttpServletRequestWrapper {

  /** The fields the application must not see on a fill: the cache answers them itself. */
  private static final Set<String> RANGE_FIELDS = Set.of("range", "if-range");

  /** The client's conditionals, replaced by the cache's own when it revalidates. */
  private static final Set<String> CONDITIONAL_FIELDS =
      Set.of("if-none-match", "if-modified-since", "if-match", "if-unmodified-since");

  private volatile Map<String, String> validators;

  /**
   * @param validators the conditional fields to send instead of the client's ({@code
   *     If-None-Match}, {@code If-Modified-Since}); empty to pass the client's on
   */
  FillRequest(HttpServletRequest request, Map<String, String> validators) {
    super(request);
    TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(validators);
    this.validators = byName;
  }

  /** From now on the client's own conditional fields pass, and no validators of the cache's. */
  void withdrawValidators() {
    validators = Map.of();
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  private boolean hidden(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RANGE_FIELDS.contains(lower)
        || !validators.isEmpty() && CONDITIONAL_FIELDS.contains(lower);
  }

  @Override
  public String getHeader(String name) {
    if (validators.containsKey(name)) {
      return validators.get(name);
    }
    return hidden(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if (validators.containsKey(name)) {
      return Collections.enumeration(List.of(validators.get(name)));
    }
    return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(super.getHeaderNames())) {
      if (!hidden(name)) {
        names.add(name);
      }
    }
    names.addAll(validators.keySet());
    return Collections.enumeration(names);
  }

  @Override
  public long getDateHeader(String name) {
    if (validators.containsKey(name)) {
      return ZonedDateTime.parse(validators.get(name), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    }
    return hidden(name) ? -1 : super.getDateHeader(name);
  }

  @Override
  public int getIntHeader(String name) {
    String value = getHeader(name);
    return value == null ? -1 : Integer.parseInt(value.trim());
  }
}
