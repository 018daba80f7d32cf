package io.cachelet.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryCipherTest {

  private static final byte[] ENTRY = "{\"card\":\"4111-1111-1111-1111\"}".getBytes(UTF_8);
  private static final EncryptionKey K1 = key("k1");
  private static final EncryptionKey K2 = key("k2");

  static EncryptionKey key(String id) {
    byte[] bytes = new byte[EncryptionKey.LENGTH];
    new SecureRandom().nextBytes(bytes);
    return EncryptionKey.of(id, bytes);
  }

  @Test
  void aSealedEntryOpensByteIdenticallyAndHoldsNoPlaintext() {
    EntryCipher cipher = EntryCipher.of(List.of(K1));
    byte[] sealed = cipher.seal("app:http:r:1", ENTRY);
    assertThat(EntryCipher.isSealed(sealed)).isTrue();
    assertThat(new String(sealed, UTF_8)).doesNotContain("4111");
    assertThat(cipher.open("app:http:r:1", sealed)).isEqualTo(ENTRY);
  }

  @Test
  void everyEntryGetsAFreshNonce() {
    EntryCipher cipher = EntryCipher.of(List.of(K1));
    assertThat(cipher.seal("k", ENTRY)).isNotEqualTo(cipher.seal("k", ENTRY));
  }

  @Test
  void aPlainEntryPassesThroughSoBothCoexistDuringARollout() {
    byte[] plain = Envelope.of(ENTRY, Instant.EPOCH, Instant.EPOCH).toBytes();
    assertThat(EntryCipher.isSealed(plain)).isFalse();
    assertThat(EntryCipher.of(List.of(K1)).open("k", plain)).isSameAs(plain);
  }

  @Test
  void changingAnyOneByteMakesTheEntryFailToOpen() {
    EntryCipher cipher = EntryCipher.of(List.of(K1));
    byte[] sealed = cipher.seal("k", ENTRY);
    for (int i = 1; i < sealed.length; i++) {
      byte[] changed = sealed.clone();
      changed[i] ^= 1;
      assertThatThrownBy(() -> cipher.open("k", changed))
          .as("byte %d changed", i)
          .isInstanceOf(EntryOpenException.class);
    }
  }

  @Test
  void anEntryCopiedUnderAnotherStoreKeyFailsToOpen() {
    EntryCipher cipher = EntryCipher.of(List.of(K1));
    byte[] sealed = cipher.seal("app:http:r:alice", ENTRY);
    assertThatThrownBy(() -> cipher.open("app:http:r:bob", sealed))
        .isInstanceOf(EntryOpenException.class);
  }

  @Test
  void aCutEntryFailsToOpen() {
    EntryCipher cipher = EntryCipher.of(List.of(K1));
    byte[] sealed = cipher.seal("k", ENTRY);
    for (int length : new int[] {1, 2, 3, 10, sealed.length - 1}) {
      assertThatThrownBy(() -> cipher.open("k", Arrays.copyOf(sealed, length)))
          .isInstanceOf(EntryOpenException.class);
    }
  }

  @Test
  void anEntryOfAnotherKeyFailsToOpenWithoutNamingTheKey() {
    byte[] sealed = EntryCipher.of(List.of(K1)).seal("k", ENTRY);
    EncryptionKey other = key("k1");
    assertThatThrownBy(() -> EntryCipher.of(List.of(other)).open("k", sealed))
        .isInstanceOf(EntryOpenException.class)
        .hasMessageNotContaining(base64(other));
    assertThatThrownBy(() -> EntryCipher.of(List.of(K2)).open("k", sealed))
        .isInstanceOf(EntryOpenException.class)
        .hasMessageContaining("no configured key");
  }

  @Test
  void afterARotationTheNewKeySealsAndTheOldStillOpens() {
    byte[] old = EntryCipher.of(List.of(K1)).seal("k", ENTRY);
    EntryCipher rotated = EntryCipher.of(List.of(K2, K1));
    assertThat(rotated.open("k", old)).isEqualTo(ENTRY);
    assertThat(rotated.sealingKeyId()).isEqualTo("k2");
    byte[] fresh = rotated.seal("k", ENTRY);
    assertThat(EntryCipher.of(List.of(K2)).open("k", fresh)).isEqualTo(ENTRY);
  }

  @Test
  void neitherAKeyNorACipherShowsKeyMaterial() {
    String cipher = EntryCipher.of(List.of(K2, K1)).toString();
    assertThat(cipher).isEqualTo("EntryCipher[AES-256-GCM, seals with k2, opens [k2, k1]]");
    for (EncryptionKey key : List.of(K1, K2)) {
      assertThat(key.toString()).isEqualTo("EncryptionKey[" + key.id() + "]");
      assertThat(cipher).doesNotContain(base64(key));
    }
  }

  static String base64(EncryptionKey key) {
    return Base64.getEncoder().encodeToString(key.secret().getEncoded());
  }
}
