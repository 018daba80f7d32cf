package io.cachelet.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A route's path pattern: a path of literal segments where {@code *} stands for exactly one segment
 * and a final {@code **} for any number of segments, including none. Patterns are matched against
 * the decoded path inside the web application, after path parameters ({@code ;jsessionid}, matrix
 * parameters) were removed, so a pattern never matches on a file extension alone.
 */
final class PathPattern {

  private final String text;
  private final List<String> segments;
  private final boolean openEnded;

  private PathPattern(String text, List<String> segments, boolean openEnded) {
    this.text = text;
    this.segments = segments;
    this.openEnded = openEnded;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException when it does not start with {@code /}, holds a {@code **}
   *     anywhere but last, a wildcard inside a segment, or a path parameter
   */
  static PathPattern compile(String text) {
    Objects.requireNonNull(text, "pattern");
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("Path pattern '" + text + "' must start with '/'");
    }
    if (text.contains(";") || text.contains("?") || text.contains("#")) {
      throw new IllegalArgumentException(
          "Path pattern '"
              + text
              + "' must not hold ';', '?' or '#': query and path parameters"
              + " are not part of the path");
    }
    List<String> segments = new ArrayList<>(splitSegments(text));
    boolean openEnded = false;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.equals("**")) {
        if (i != segments.size() - 1) {
          throw new IllegalArgumentException(
              "Path pattern '" + text + "' may use '**' only as its last segment");
        }
        openEnded = true;
      } else if (!segment.equals("*") && segment.contains("*")) {
        throw new IllegalArgumentException(
            "Path pattern '" + text + "': '*' must be a whole segment ('/a/*'), not part of one");
      }
    }
    if (openEnded) {
      segments.remove(segments.size() - 1);
    }
    return new PathPattern(text, List.copyOf(segments), openEnded);
  }

  /** Whether {@code path}, a normalised path as {@link #normalise} returns it, matches. */
  boolean matches(String path) {
    // walks the path's segments in place: this runs for every request and every route
    int matched = 0;
    int at = 0;
    while (at < path.length()) {
      int end = path.indexOf('/', at);
      end = end < 0 ? path.length() : end;
      if (end > at) {
        if (matched == segments.size()) {
          return openEnded;
        }
        String segment = segments.get(matched);
        boolean same =
            segment.equals("*") || (segment.length() == end - at && path.startsWith(segment, at));
        if (!same) {
          return false;
        }
        matched++;
      }
      at = end + 1;
    }
    return matched == segments.size();
  }

  /**
   * The path with path parameters removed from every segment and empty segments collapsed, so that
   * {@code /a;jsessionid=x//b/} and {@code /a/b/} key and match alike. A trailing slash is kept: it
   * may name another resource.
   */
  static String normalise(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    if (path.charAt(0) == '/' && path.indexOf(';') < 0 && !path.contains("//")) {
      return path; // already normal, as nearly every path is
    }
    StringBuilder out = new StringBuilder(path.length());
    for (String segment : path.split("/", -1)) {
      int semicolon = segment.indexOf(';');
      String bare = semicolon < 0 ? segment : segment.substring(0, semicolon);
      if (!bare.isEmpty()) {
        out.append('/').append(bare);
      }
    }
    if (path.endsWith("/") && out.length() > 0) {
      out.append('/');
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static List<String> splitSegments(String path) {
    List<String> parts = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        parts.add(segment);
      }
    }
    return parts;
  }

  @Override
  public String toString() {
    return text;
  }
}
