package io.cachelet.key;

import java.util.Objects;

/**
 * Redis glob patterns, as {@code SCAN MATCH} reads them: {@code *} matches any run of characters,
 * {@code ?} one character, {@code [abc]}, {@code [^abc]} and {@code [a-z]} a character class, and a
 * backslash makes the next character literal.
 */
public final class Glob {

  private Glob() {}

  /**
   * {@code literal} with every glob character escaped, so a pattern built from it matches it only.
   */
  public static String escape(String literal) {
    Objects.requireNonNull(literal, "literal");
    StringBuilder out = new StringBuilder(literal.length() + 8);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (isSpecial(c)) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Whether {@code text} holds an unescaped wildcard, i.e. would match more than itself. */
  public static boolean hasWildcards(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code text} matches {@code pattern}, with the semantics of Redis' {@code
   * stringmatchlen}: an unterminated class runs to the end of the pattern, and a trailing backslash
   * matches a backslash. Runs in O(pattern × text) at worst: a star only ever backtracks to the
   * latest star, so hostile patterns can't make it exponential.
   */
  public static boolean matches(String pattern, String text) {
    int pi = 0;
    int ti = 0;
    int starPattern = -1;
    int starText = -1;
    while (ti < text.length()) {
      if (pi < pattern.length() && pattern.charAt(pi) == '*') {
        starPattern = pi++;
        starText = ti;
        continue;
      }
      int next = pi < pattern.length() ? matchOne(pattern, pi, text.charAt(ti)) : -1;
      if (next >= 0) {
        pi = next;
        ti++;
      } else if (starPattern >= 0) {
        pi = starPattern + 1;
        ti = ++starText;
      } else {
        return false;
      }
    }
    while (pi < pattern.length() && pattern.charAt(pi) == '*') {
      pi++;
    }
    return pi == pattern.length();
  }

  /**
   * Matches the single-character element of {@code p} at {@code pi} against {@code c}: the index
   * after the element when it matches, -1 when it does not.
   */
  private static int matchOne(String p, int pi, char c) {
    char element = p.charAt(pi);
    if (element == '?') {
      return pi + 1;
    }
    if (element == '[') {
      int end = classEnd(p, pi);
      return classMatches(p, pi + 1, end, c) ? end + 1 : -1;
    }
    if (element == '\\' && pi + 1 < p.length()) {
      return p.charAt(pi + 1) == c ? pi + 2 : -1;
    }
    return element == c ? pi + 1 : -1;
  }

  /** The index of the {@code ]} closing the class opened at {@code open}, or the pattern's end. */
  private static int classEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    while (i < p.length() && p.charAt(i) != ']') {
      i += p.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i, p.length());
  }

  private static boolean classMatches(String p, int from, int end, char c) {
    boolean negate = from < end && p.charAt(from) == '^';
    int i = negate ? from + 1 : from;
    boolean found = false;
    while (i < end) {
      char lo = p.charAt(i);
      if (lo == '\\' && i + 1 < end) {
        lo = p.charAt(++i);
        found |= lo == c;
        i++;
      } else if (i + 2 < end && p.charAt(i + 1) == '-') {
        char hi = p.charAt(i + 2);
        found |= (lo <= hi) ? (c >= lo && c <= hi) : (c >= hi && c <= lo);
        i += 3;
      } else {
        found |= lo == c;
        i++;
      }
    }
    return negate != found;
  }

  private static boolean isSpecial(char c) {
    return c == '*' || c == '?' || c == '[' || c == ']' || c == '\\';
  }
}
