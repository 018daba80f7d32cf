package io.cachelet.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** What the hostile-input properties build request text from, written raw into the request. */
final class HostileText {

  /**
   * Pieces of paths, query strings and parameter values: invalid and encoded control characters,
   * dot segments, glob and URL metacharacters, non-ASCII, raw control characters and whitespace.
   */
  static final List<String> ATOMS =
      List.of(
          "%",
          "%zz",
          "%2",
          "%c3%28",
          "%ff%fe",
          "%00",
          "%0d%0a",
          "%0a",
          "%2e%2e",
          "..",
          ".",
          "*",
          "**",
          "?",
          "[",
          "]",
          "{",
          "}",
          "\\",
          "%5c",
          ";jsessionid=abc",
          ";a=b",
          "%2f",
          "%25",
          "%2525",
          "+",
          "%20",
          "%2B",
          "é",
          "%C3%A9",
          "ü",
          "𝄞",
          "\u0000",
          "\u0001",
          "\u001b",
          "\u007f",
          "\u0085",
          " ",
          "\t",
          "\r",
          "\n",
          "\r\n",
          "|",
          "^",
          "`",
          "'",
          "\"",
          "<",
          ">",
          "#",
          "=",
          "&",
          "a".repeat(300));

  private HostileText() {}

  /** A plain lower-case run, or one of the {@link #ATOMS}. */
  static Arbitrary<String> atom() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3),
        Arbitraries.of(ATOMS));
  }

  /** One to four atoms run together: a path segment, a parameter name or value. */
  static Arbitrary<String> word() {
    return atom().list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
  }

  /** {@code text} for a failure message: CR, LF and NUL visible, at most {@code max} characters. */
  /**
   * A request as raw UTF-8 bytes, as a client that does not encode would put it on the wire: {@code
   * requestLine} (method and target), the Host, the header lines, and {@code Connection: close}.
   */
  static byte[] rawRequest(String requestLine, String host, List<String> headerLines) {
    StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
    text.append("Host: ").append(host).append("\r\n");
    for (String header : headerLines) {
      text.append(header).append("\r\n");
    }
    text.append("Connection: close\r\n\r\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String shown(String text, int max) {
    String cut = text.length() > max ? text.substring(0, max) + "…" : text;
    return cut.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
  }
}
