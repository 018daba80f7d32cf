package io.cachelet.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Builds store keys of the form {@code {prefix}:{area}:{name}:{key}} and the glob patterns that
 * select them.
 *
 * <p>The mapping is injective: two different (area, name, key) triples never give the same store
 * key. To that end every component is escaped before it is joined: control characters, whitespace
 * and {@code %} become {@code %XX} of their UTF-8 bytes (so nothing unprintable ever reaches
 * Redis), {@code :} is escaped in the area and name (so cache {@code a} can't see the keys of cache
 * {@code a:b}), and {@code #} is escaped everywhere because it marks a hashed key.
 *
 * <p>A key longer than {@link #maxLength()} keeps a readable head and ends in {@code #} and the
 * SHA-256 of the whole escaped key, so it stays unique and short. Instances are immutable and
 * thread-safe.
 */
public final class KeyBuilder {

  /** Store keys longer than this many characters are shortened by default. */
  public static final int DEFAULT_MAX_LENGTH = 256;

  /** The shortest {@link #maxLength()} accepted: room for a prefix, a head and a hash. */
  public static final int MIN_MAX_LENGTH = 128;

  private static final int HASH_LENGTH = 64;
  private static final int MIN_HEAD_LENGTH = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final String prefix;
  private final int maxLength;

  private KeyBuilder(String prefix, int maxLength) {
    this.prefix = prefix;
    this.maxLength = maxLength;
  }

  /**
   * A key builder for keys under {@code prefix}.
   *
   * @param prefix the application prefix: non-empty, printable, no whitespace and no glob
   *     characters ({@code :} is allowed, e.g. {@code shop:prod})
   * @param maxLength the longest store key kept verbatim, at least {@link #MIN_MAX_LENGTH}
   */
  public static KeyBuilder of(String prefix, int maxLength) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || !prefix.equals(escape(prefix, false)) || Glob.hasWildcards(prefix)) {
      throw new IllegalArgumentException(
          "Key prefix '"
              + prefix
              + "' must be non-empty, without whitespace, control, '%', '#' or glob characters");
    }
    if (maxLength < MIN_MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Max key length " + maxLength + " is below the minimum of " + MIN_MAX_LENGTH);
    }
    return new KeyBuilder(prefix, maxLength);
  }

  /** The application prefix every key starts with. */
  public String prefix() {
    return prefix;
  }

  /** The longest store key kept verbatim. */
  public int maxLength() {
    return maxLength;
  }

  /** The store key for {@code key} in cache {@code name} of {@code area}. */
  public String key(String area, String name, String key) {
    String base = base(area, name);
    String escapedKey = escape(Objects.requireNonNull(key, "key"), false);
    if (base.length() + escapedKey.length() <= maxLength) {
      return base + escapedKey;
    }
    int headLength = Math.max(MIN_HEAD_LENGTH, maxLength - base.length() - 1 - HASH_LENGTH);
    int cut = Math.min(headLength, escapedKey.length());
    if (Character.isHighSurrogate(escapedKey.charAt(cut - 1))) {
      cut--;
    }
    return base + escapedKey.substring(0, cut) + '#' + sha256(escapedKey);
  }

  /** The glob pattern matching every key of cache {@code name} in {@code area}. */
  public String pattern(String area, String name) {
    return Glob.escape(base(area, name)) + '*';
  }

  /** The glob pattern matching every key of {@code area}. */
  public String pattern(String area) {
    return Glob.escape(prefix + ':' + escape(requireText(area, "area"), true) + ':') + '*';
  }

  /**
   * The glob pattern matching the keys of cache {@code name} in {@code area} whose key part matches
   * {@code keyGlob}, a caller-supplied glob in which {@code *}, {@code ?} and {@code [...]} keep
   * their meaning.
   */
  public String pattern(String area, String name, String keyGlob) {
    return Glob.escape(base(area, name))
        + escape(Objects.requireNonNull(keyGlob, "keyGlob"), false);
  }

  private String base(String area, String name) {
    return prefix
        + ':'
        + escape(requireText(area, "area"), true)
        + ':'
        + escape(requireText(name, "name"), true)
        + ':';
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " of a key must not be empty");
    }
    return value;
  }

  /** Percent-escapes what must not reach Redis, and the characters the key structure relies on. */
  static String escape(String component, boolean escapeColon) {
    StringBuilder out = null;
    for (int i = 0; i < component.length(); ) {
      int cp = component.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (mustEscape(cp, escapeColon)) {
        if (out == null) {
          out = new StringBuilder(component.length() + 16).append(component, 0, i);
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX.toHexDigits(b).toUpperCase(java.util.Locale.ROOT));
        }
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i = next;
    }
    return out == null ? component : out.toString();
  }

  private static boolean mustEscape(int cp, boolean escapeColon) {
    if (cp > ' ' && cp < 0x7F) {
      // printable ASCII, nearly every character of a key: none of the Unicode tests below can
      // hold, and each is a table lookup paid for every character of every key on every hit
      return cp == '%' || cp == '#' || (escapeColon && cp == ':');
    }
    return cp == '%'
        || cp == '#'
        || (escapeColon && cp == ':')
        || Character.isISOControl(cp)
        || Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT
        || Character.getType(cp) == Character.SURROGATE
        || Character.getType(cp) == Character.UNASSIGNED;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must support SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "KeyBuilder[prefix=" + prefix + ", maxLength=" + maxLength + "]";
  }
}
