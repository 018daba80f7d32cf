package io.cachelet.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts stored entries with AES-256-GCM (the JDK's {@code AES/GCM/NoPadding}) and opens them
 * again. A sealed entry wraps a whole stored entry (an {@link Envelope} or an HTTP entry):
 *
 * <pre>
 * offset size  field
 *      0    1  magic, 0xCE (a plain entry starts with another byte, so both can be read)
 *      1    1  format version, {@link #VERSION}
 *      2    1  n, the length of the key id
 *      3    n  the key id, ASCII
 *    3+n   12  the nonce, fresh from {@link SecureRandom} for every entry
 *   15+n    …  the encrypted entry, then GCM's 16-byte authentication tag
 * </pre>
 *
 * <p>The associated data is the header (bytes 0 to 15+n) and the store key, so an entry copied
 * under another key, or with its key id changed, fails to open like a changed or cut one. The first
 * key seals; every key opens the entries carrying its id, so keys rotate by adding the new key
 * first, redeploying, and dropping the old key once its entries have expired. Thread-safe.
 */
public final class EntryCipher {

  /** The sealed format version this class writes and reads. */
  public static final int VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(EntryCipher.class);
  private static final byte MAGIC = (byte) 0xCE;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final EncryptionKey sealing;
  private final Map<String, EncryptionKey> byId;
  private final List<String> ids;
  private final SecureRandom random = new SecureRandom();
  private final LongSupplier nanoTime;
  private final AtomicLong lastLogged;

  private EntryCipher(List<EncryptionKey> keys, LongSupplier nanoTime) {
    this.sealing = keys.get(0);
    Map<String, EncryptionKey> ids = new LinkedHashMap<>();
    for (EncryptionKey key : keys) {
      if (ids.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("Key id '" + key.id() + "' is given twice");
      }
    }
    this.byId = Map.copyOf(ids);
    this.ids = List.copyOf(ids.keySet());
    this.nanoTime = nanoTime;
    this.lastLogged = new AtomicLong(nanoTime.getAsLong() - LOG_INTERVAL_NANOS);
  }

  /**
   * A cipher sealing with the first of {@code keys} and opening with any of them.
   *
   * @throws IllegalArgumentException when there is no key or two share an id
   */
  public static EntryCipher of(List<EncryptionKey> keys) {
    return of(keys, System::nanoTime);
  }

  /** As {@link #of(List)}, with the clock that spaces the failure warnings. */
  static EntryCipher of(List<EncryptionKey> keys, LongSupplier nanoTime) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("An entry cipher needs at least one key");
    }
    return new EntryCipher(List.copyOf(keys), nanoTime);
  }

  /** The id of the key new entries are sealed with. */
  public String sealingKeyId() {
    return sealing.id();
  }

  /** Whether {@code stored} is a sealed entry rather than a plain one. */
  public static boolean isSealed(byte[] stored) {
    return stored.length > 0 && stored[0] == MAGIC;
  }

  /** {@code entry} encrypted for {@code storeKey}, with a fresh nonce. */
  public byte[] seal(String storeKey, byte[] entry) {
    byte[] id = sealing.id().getBytes(US_ASCII);
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    int headerLength = 3 + id.length + NONCE;
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE, sealing, nonce);
    ByteBuffer out =
        ByteBuffer.allocate(headerLength + cipher.getOutputSize(entry.length))
            .put(MAGIC)
            .put((byte) VERSION)
            .put((byte) id.length)
            .put(id)
            .put(nonce);
    try {
      cipher.updateAAD(out.array(), 0, headerLength);
      cipher.updateAAD(storeKey.getBytes(UTF_8));
      cipher.doFinal(ByteBuffer.wrap(entry), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to encrypt", e);
    }
    return out.array();
  }

  /**
   * The plain entry {@code stored} under {@code storeKey} holds: {@code stored} itself when it is
   * not sealed (written before encryption was turned on), decrypted when it is.
   *
   * @throws EntryOpenException when a sealed entry can't be opened; logged at most once a minute
   */
  public byte[] open(String storeKey, byte[] stored) {
    if (!isSealed(stored)) {
      return stored;
    }
    try {
      return decrypt(storeKey, stored);
    } catch (EntryOpenException e) {
      long now = nanoTime.getAsLong();
      long last = lastLogged.get();
      if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
        LOG.warn(
            "A stored entry failed to open ({}); it is treated as a miss. Entries written with a"
                + " key that is no longer in cachelet.encryption.keys, or changed in the store, do"
                + " this; this warning repeats at most once a minute.",
            e.getMessage());
      }
      throw e;
    }
  }

  private byte[] decrypt(String storeKey, byte[] stored) {
    if (stored.length < 3) {
      throw new EntryOpenException("sealed entry cut short");
    }
    if (stored[1] != VERSION) {
      throw new EntryOpenException("sealed entry version " + stored[1] + " is not " + VERSION);
    }
    int idLength = stored[2] & 0xFF;
    int headerLength = 3 + idLength + NONCE;
    if (stored.length < headerLength + TAG_BITS / 8) {
      throw new EntryOpenException("sealed entry cut short");
    }
    String id = new String(stored, 3, idLength, US_ASCII);
    EncryptionKey key = byId.get(id);
    if (key == null) {
      throw new EntryOpenException("no configured key has the entry's key id");
    }
    byte[] nonce = Arrays.copyOfRange(stored, 3 + idLength, headerLength);
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
    try {
      cipher.updateAAD(stored, 0, headerLength);
      cipher.updateAAD(storeKey.getBytes(UTF_8));
      return cipher.doFinal(stored, headerLength, stored.length - headerLength);
    } catch (AEADBadTagException e) {
      throw new EntryOpenException("authentication failed: another key, store key or content");
    } catch (GeneralSecurityException e) {
      throw new EntryOpenException("AES-GCM failed to decrypt: " + e.getClass().getSimpleName());
    }
  }

  private static Cipher cipher(int mode, EncryptionKey key, byte[] nonce) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM offers no AES/GCM/NoPadding", e);
    }
  }

  @Override
  public String toString() {
    return "EntryCipher[AES-256-GCM, seals with " + sealing.id() + ", opens " + ids + "]";
  }
}
