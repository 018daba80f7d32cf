package io.cachelet.codec;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Turns values into payload bytes and back, for a declared type. The type the caller declares
 * decides what is instantiated, never anything read from the bytes. {@code null} never reaches a
 * codec: the {@link Envelope} marks a cached null.
 *
 * <p>Implementations are thread-safe.
 */
public interface ValueCodec {

  /** The payload for {@code value}, written as {@code type}. */
  byte[] encode(Object value, JavaType type);

  /**
   * The value in {@code payload}, read as {@code type}.
   *
   * @throws EntryFormatException when the payload can't be read as that type
   */
  Object decode(byte[] payload, JavaType type);

  /** Builds the {@link JavaType}s this codec reads, e.g. {@code List<Product>}. */
  TypeFactory types();

  /** The default codec: JSON through Jackson, with {@code java.time}, records and Optional. */
  static ValueCodec json() {
    return JsonCodec.INSTANCE;
  }
}
