package io.cachelet.filter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * The entries decoded lately, by store key, so that a hot entry is parsed once rather than on every
 * hit. Exact: a decoded entry is reused only for a stored head and body equal to the ones it was
 * decoded from (comparing them costs far less than parsing them), so a rewrite, a renewal, a purge
 * or another instance's store can never be answered with an old decoding. Bounded by {@value
 * #MAX_BYTES} bytes of stored entries and the gunzipped bodies they keep for identity clients;
 * entries of more than {@value #MAX_ENTRY_BYTES} stored bytes are not kept. Thread-safe.
 */
final class DecodedEntries {

  static final long MAX_BYTES = 16L << 20;
  static final int MAX_ENTRY_BYTES = 256 * 1024;

  /**
   * The longest gunzipped body a kept entry keeps beside its gzip-coded one, counted in its weight:
   * the default body limit of a route, so that a hot entry of any size a route stores by default is
   * inflated once, not on every hit of a client that does not accept gzip.
   */
  static final long MAX_IDENTITY_BYTES = Route.DEFAULT_MAX_BODY_BYTES;

  /** An entry's two stored values, as read: sealed ones are opened by the decoder's caller. */
  record Stored(String headKey, byte[] head, String bodyKey, byte[] body) {
    long length() {
      return (long) head.length + body.length;
    }
  }

  private record Decoded(byte[] head, byte[] body, HttpEntry entry) {
    int weight() {
      long identity =
          entry.gzipped() && entry.identityLength() <= MAX_IDENTITY_BYTES
              ? Math.max(0, entry.identityLength())
              : 0;
      return (int) Math.min(Integer.MAX_VALUE, head.length + body.length + identity);
    }
  }

  private final Cache<String, Decoded> decoded =
      Caffeine.newBuilder()
          // upkeep on the caller's thread: a hit never hands work to (and wakes) a pool thread
          .executor(Runnable::run)
          .maximumWeight(MAX_BYTES)
          .weigher(DecodedEntries::weigh)
          .build();

  private static int weigh(String storeKey, Decoded value) {
    return value.weight();
  }

  /** The entry the plain (unencrypted) values {@code stored} hold. */
  HttpEntry decode(Stored stored) {
    return decode(stored, (key, plain) -> plain);
  }

  /**
   * The entry {@code stored} holds. {@code open} turns a stored value into the plain one (it
   * decrypts a sealed one), given the key it was read from: it runs only when these exact values
   * were not decoded already, so a hot encrypted entry is decrypted once, not on every hit.
   *
   * @throws io.cachelet.codec.EntryFormatException when the values are not the head and body of an
   *     HTTP entry, or sealed ones that do not open
   */
  HttpEntry decode(Stored stored, BiFunction<String, byte[], byte[]> open) {
    Decoded known = decoded.getIfPresent(stored.headKey());
    if (known != null
        && Arrays.equals(known.head(), stored.head())
        && Arrays.equals(known.body(), stored.body())) {
      return known.entry();
    }
    HttpEntry entry =
        HttpEntry.parse(
            open.apply(stored.headKey(), stored.head()),
            open.apply(stored.bodyKey(), stored.body()));
    if (stored.length() <= MAX_ENTRY_BYTES) {
      entry.rememberIdentityUpTo(MAX_IDENTITY_BYTES);
      decoded.put(stored.headKey(), new Decoded(stored.head(), stored.body(), entry));
    }
    return entry;
  }
}
