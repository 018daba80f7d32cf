package io.cachelet.codec;

import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key and the id stored next to what it encrypts, so that a reader knows which key
 * opens an entry. {@link #toString()} shows the id only: the key bytes never reach a log.
 */
public final class EncryptionKey {

  /** The length of an AES-256 key. */
  public static final int LENGTH = 32;

  private final String id;
  private final SecretKey key;

  private EncryptionKey(String id, SecretKey key) {
    this.id = id;
    this.key = key;
  }

  /**
   * A key from its raw bytes.
   *
   * @throws IllegalArgumentException when the id is not 1 to 64 of letters, digits, {@code . _ -},
   *     or the key is not {@value #LENGTH} bytes (neither message shows the key)
   */
  public static EncryptionKey of(String id, byte[] key) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "A key id is 1 to 64 letters, digits, '.', '_' or '-', not '" + id + "'");
    }
    if (key.length != LENGTH) {
      throw new IllegalArgumentException(
          "Key '" + id + "' has " + key.length + " bytes; AES-256 needs " + LENGTH);
    }
    return new EncryptionKey(id, new SecretKeySpec(key, "AES"));
  }

  /** The id written into every entry this key seals. */
  public String id() {
    return id;
  }

  SecretKey secret() {
    return key;
  }

  @Override
  public String toString() {
    return "EncryptionKey[" + id + "]";
  }
}
