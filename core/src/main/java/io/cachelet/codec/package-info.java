/**
 * How values are stored: the versioned {@link io.cachelet.codec.Envelope} and the {@link
 * io.cachelet.codec.ValueCodec} that writes payloads for a declared type.
 */
package io.cachelet.codec;
