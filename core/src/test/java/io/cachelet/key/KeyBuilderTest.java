package io.cachelet.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyBuilderTest {

  private final KeyBuilder keys = KeyBuilder.of("shop", 200);

  @Test
  void keysArePrefixAreaNameAndKey() {
    assertThat(keys.key("method", "prices", "sku-42")).isEqualTo("shop:method:prices:sku-42");
  }

  @Test
  void controlCharactersAndWhitespaceNeverReachTheKey() {
    String key = keys.key("http", "home page", "a b\r\nc\td\u0000e\u00a0f\u2028g");
    assertThat(key).isEqualTo("shop:http:home%20page:a%20b%0D%0Ac%09d%00e%C2%A0f%E2%80%A8g");
    assertThat(key.chars()).allMatch(c -> c > 0x20 && c != 0x7F);
  }

  @Test
  void printableAsciiIsKeptExceptPercentHashAndInNamesTheColon() {
    for (char c = 0; c < 0x80; c++) {
      String text = "a" + c + "b";
      boolean printable = c > ' ' && c < 0x7F;
      boolean keptInKey = printable && c != '%' && c != '#';
      boolean keptInName = keptInKey && c != ':';
      assertThat(keys.key("area", "n", text))
          .as("key part with U+%04X", (int) c)
          .isEqualTo(keptInKey ? "shop:area:n:" + text : "shop:area:n:a%" + hex(c) + "b");
      assertThat(keys.key("area", text, "k"))
          .as("name with U+%04X", (int) c)
          .isEqualTo(keptInName ? "shop:area:" + text + ":k" : "shop:area:a%" + hex(c) + "b:k");
    }
  }

  private static String hex(char c) {
    return String.format(java.util.Locale.ROOT, "%02X", (int) c);
  }

  @Test
  void escapingKeepsDistinctKeysDistinct() {
    List<String> tricky = List.of("a b", "a%20b", "a%2520b", "a#b", "a%23b", "a:b", "a%3Ab");
    Set<String> built = new HashSet<>();
    for (String key : tricky) {
      built.add(keys.key("method", "c", key));
    }
    assertThat(built).hasSize(tricky.size());
  }

  @Test
  void aColonInACacheNameCanNotReachAnotherCachesKeys() {
    String inNested = keys.key("method", "a:b", "c");
    String inParent = keys.key("method", "a", "b:c");
    assertThat(inNested).isNotEqualTo(inParent);
    assertThat(Glob.matches(keys.pattern("method", "a"), inNested)).isFalse();
    assertThat(Glob.matches(keys.pattern("method", "a"), inParent)).isTrue();
  }

  @Test
  void aLongKeyKeepsAReadableHeadAndEndsInASha256() {
    String longKey = "customer-" + "x".repeat(500);
    String key = keys.key("method", "c", longKey);
    assertThat(key).hasSizeLessThanOrEqualTo(200).startsWith("shop:method:c:customer-xxx");
    assertThat(key).matches(".*#[0-9a-f]{64}");
    assertThat(keys.key("method", "c", longKey + "y")).isNotEqualTo(key);
    assertThat(keys.key("method", "c", longKey)).isEqualTo(key);
  }

  @Test
  void aShortKeyCanNotImpersonateAHashedOne() {
    String hashed = keys.key("method", "c", "z".repeat(400));
    String tail = hashed.substring("shop:method:c:".length());
    assertThat(keys.key("method", "c", tail)).isNotEqualTo(hashed);
  }

  @Test
  void aHashedKeyStillMatchesItsCachesPattern() {
    String hashed = keys.key("method", "c", "z".repeat(400));
    assertThat(Glob.matches(keys.pattern("method", "c"), hashed)).isTrue();
    assertThat(Glob.matches(keys.pattern("method"), hashed)).isTrue();
  }

  @Test
  void globCharactersInNamesAreEscapedInPatterns() {
    String pattern = keys.pattern("method", "p*");
    assertThat(Glob.matches(pattern, keys.key("method", "p*", "1"))).isTrue();
    assertThat(Glob.matches(pattern, keys.key("method", "prices", "1"))).isFalse();
  }

  @Test
  void aCallerGlobOverTheKeyPartKeepsItsWildcards() {
    String pattern = keys.pattern("method", "users", "42:*");
    assertThat(Glob.matches(pattern, keys.key("method", "users", "42:profile"))).isTrue();
    assertThat(Glob.matches(pattern, keys.key("method", "users", "43:profile"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "my app", "app*", "a?b", "a[b]", "pre\nfix", "50%", "a#b"})
  void anUnsafePrefixIsRefused(String prefix) {
    assertThatThrownBy(() -> KeyBuilder.of(prefix, 256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMaxLengthBelowTheMinimumIsRefused() {
    assertThatThrownBy(() -> KeyBuilder.of("p", 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("128");
  }
}
