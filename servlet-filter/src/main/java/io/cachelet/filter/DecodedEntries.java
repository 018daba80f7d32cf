package io.cachelet.filter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * The entries decoded lately, by store key, so that a hot entry is parsed once rather than on every
 * hit. Exact: a decoded entry is reused only for stored bytes equal to the ones it was decoded from
 * (comparing them costs far less than parsing them), so a rewrite, a purge or another instance's
 * store can never be answered with an old decoding. Bounded by {@value #MAX_BYTES} bytes of stored
 * entries; entries of more than {@value #MAX_ENTRY_BYTES} bytes are not kept. Thread-safe.
 */
final class DecodedEntries {

  static final long MAX_BYTES = 16L << 20;
  static final int MAX_ENTRY_BYTES = 256 * 1024;

  private record Decoded(byte[] stored, HttpEntry entry) {
    int weight() {
      long identity = entry.gzipped() ? Math.max(0, entry.identityLength()) : 0;
      return (int) Math.min(Integer.MAX_VALUE, stored.length + identity);
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

  /** The entry the plain (unencrypted) bytes {@code stored} under {@code storeKey} hold. */
  HttpEntry decode(String storeKey, byte[] stored) {
    return decode(storeKey, stored, (key, plain) -> plain);
  }

  /**
   * The entry {@code stored} under {@code storeKey} holds. {@code open} turns stored bytes into the
   * plain entry (it decrypts a sealed one): it runs only when these exact bytes were not decoded
   * already, so a hot encrypted entry is decrypted once, not on every hit.
   *
   * @throws io.cachelet.codec.EntryFormatException when the bytes are not an HTTP entry, or a
   *     sealed one that does not open
   */
  HttpEntry decode(String storeKey, byte[] stored, BiFunction<String, byte[], byte[]> open) {
    Decoded known = decoded.getIfPresent(storeKey);
    if (known != null && Arrays.equals(known.stored(), stored)) {
      return known.entry();
    }
    HttpEntry entry = HttpEntry.parse(open.apply(storeKey, stored));
    if (stored.length <= MAX_ENTRY_BYTES) {
      decoded.put(storeKey, new Decoded(stored, entry));
    }
    return entry;
  }
}
