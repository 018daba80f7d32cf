package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.Invalidation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The bytes of an invalidation message on the channel, version 2:
 *
 * <pre>
 * byte    version (2)
 * long    sender instance id, most significant bits
 * long    sender instance id, least significant bits
 * long    when the change was published, epoch milliseconds of the sender's clock
 * byte    kind: 'K' keys, 'P' one glob pattern
 * int     count of strings that follow
 * count × (int length, that many bytes of UTF-8)
 * </pre>
 *
 * Version 1, the same without the time, is still read (from instances not yet upgraded in a rolling
 * deployment). A reader that meets another version ignores nothing silently: it reports the message
 * as unreadable and the subscriber drops every local copy.
 */
final class InvalidationCodec {

  static final byte VERSION = 2;
  private static final byte UNTIMED = 1;
  private static final byte KEYS = 'K';
  private static final byte PATTERN = 'P';

  /** A decoded message: who sent it, when (version 2 on), and what it invalidates. */
  record Message(UUID sender, Optional<Instant> sentAt, Invalidation invalidation) {}

  private InvalidationCodec() {}

  static byte[] encode(UUID sender, Instant sentAt, Invalidation invalidation) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(sender.getMostSignificantBits());
      out.writeLong(sender.getLeastSignificantBits());
      out.writeLong(sentAt.toEpochMilli());
      List<String> strings =
          invalidation.pattern().map(List::of).orElseGet(invalidation::storeKeys);
      out.writeByte(invalidation.pattern().isPresent() ? PATTERN : KEYS);
      out.writeInt(strings.size());
      for (String s : strings) {
        byte[] utf8 = s.getBytes(UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * The message in {@code bytes}.
   *
   * @throws IllegalArgumentException when they are not a version 1 or 2 message
   */
  static Message decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION && version != UNTIMED) {
        throw new IllegalArgumentException("Unknown invalidation message version " + version);
      }
      UUID sender = new UUID(in.readLong(), in.readLong());
      Optional<Instant> sentAt =
          version == UNTIMED ? Optional.empty() : Optional.of(Instant.ofEpochMilli(in.readLong()));
      byte kind = in.readByte();
      int count = in.readInt();
      if (count < 1 || count > bytes.length || (kind == PATTERN && count != 1)) {
        throw new IllegalArgumentException("Invalid invalidation message count " + count);
      }
      List<String> strings = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
          throw new IllegalArgumentException("Invalid invalidation message string length");
        }
        strings.add(new String(in.readNBytes(length), UTF_8));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("Trailing bytes after an invalidation message");
      }
      return switch (kind) {
        case KEYS -> new Message(sender, sentAt, Invalidation.ofKeys(strings));
        case PATTERN -> new Message(sender, sentAt, Invalidation.ofPattern(strings.get(0)));
        default -> throw new IllegalArgumentException("Unknown invalidation kind " + kind);
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("Truncated invalidation message", e);
    }
  }
}
