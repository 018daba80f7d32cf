package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.Invalidation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bytes of an invalidation message on the channel, version 1:
 *
 * <pre>
 * byte    version (1)
 * long    sender instance id, most significant bits
 * long    sender instance id, least significant bits
 * byte    kind: 'K' keys, 'P' one glob pattern
 * int     count of strings that follow
 * count × (int length, that many bytes of UTF-8)
 * </pre>
 *
 * A reader that meets another version ignores nothing silently: it reports the message as
 * unreadable and the subscriber drops every local copy.
 */
final class InvalidationCodec {

  static final byte VERSION = 1;
  private static final byte KEYS = 'K';
  private static final byte PATTERN = 'P';

  /** A decoded message: who sent it and what it invalidates. */
  record Message(UUID sender, Invalidation invalidation) {}

  private InvalidationCodec() {}

  static byte[] encode(UUID sender, Invalidation invalidation) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(sender.getMostSignificantBits());
      out.writeLong(sender.getLeastSignificantBits());
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
   * @throws IllegalArgumentException when they are not a version 1 message
   */
  static Message decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("Unknown invalidation message version " + version);
      }
      UUID sender = new UUID(in.readLong(), in.readLong());
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
        case KEYS -> new Message(sender, Invalidation.ofKeys(strings));
        case PATTERN -> new Message(sender, Invalidation.ofPattern(strings.get(0)));
        default -> throw new IllegalArgumentException("Unknown invalidation kind " + kind);
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("Truncated invalidation message", e);
    }
  }
}
