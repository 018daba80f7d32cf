package io.cachelet.filter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The output stream the application writes to while its response is captured. It has three modes:
 * CAPTURE keeps the body in memory and sends nothing; once the body passes the route's limit it
 * hands what it has to the client and switches to PASS, streaming the rest in constant memory; TEE
 * (for async requests, whose body is written after the filter returns) sends every byte at once and
 * keeps a copy while it stays within the limit.
 */
final class CaptureStream extends ServletOutputStream {

  /** Gives the real stream on first need, after the response's live headers were finalised. */
  interface Sink {
    /**
     * The real stream; {@code overflow} says the body outgrew the limit (rather than an async
     * request starting to send as it goes).
     */
    ServletOutputStream open(boolean overflow) throws IOException;
  }

  private enum Mode {
    CAPTURE,
    TEE,
    PASS
  }

  private final long limit;
  private final Sink sink;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private ServletOutputStream real;
  private Mode mode = Mode.CAPTURE;
  private boolean closed;

  CaptureStream(long limit, Sink sink) {
    this.limit = limit;
    this.sink = sink;
  }

  /** The captured body, or null when it overflowed. */
  byte[] captured() {
    return buffer == null ? null : buffer.toByteArray();
  }

  boolean overflowed() {
    return buffer == null;
  }

  boolean passing() {
    return mode != Mode.CAPTURE;
  }

  /** Clears captured bytes (reset / resetBuffer); only possible while nothing was sent. */
  void clear() {
    if (mode == Mode.CAPTURE && buffer != null) {
      buffer.reset();
    }
  }

  /** Switches to TEE: what is captured so far is sent, and every later byte both sent and kept. */
  void tee() throws IOException {
    if (mode == Mode.CAPTURE) {
      real = sink.open(false);
      mode = Mode.TEE;
      if (buffer.size() > 0) {
        buffer.writeTo(real);
      }
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("The response output stream is closed");
    }
    if (mode == Mode.PASS) {
      real.write(bytes, off, len);
      return;
    }
    boolean fits = buffer != null && buffer.size() + (long) len <= limit;
    if (mode == Mode.TEE) {
      real.write(bytes, off, len);
      if (fits) {
        buffer.write(bytes, off, len);
      } else {
        buffer = null;
        mode = Mode.PASS;
      }
      return;
    }
    if (fits) {
      buffer.write(bytes, off, len);
      return;
    }
    real = sink.open(true);
    mode = Mode.PASS;
    buffer.writeTo(real);
    buffer = null;
    real.write(bytes, off, len);
  }

  @Override
  public void flush() throws IOException {
    if (mode != Mode.CAPTURE) {
      real.flush();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (mode != Mode.CAPTURE) {
      real.close();
    }
  }

  @Override
  public boolean isReady() {
    try {
      return mode == Mode.CAPTURE || real.isReady();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    try {
      if (real == null) {
        tee();
      }
    } catch (IOException e) {
      throw new IllegalStateException("Can't open the response output stream", e);
    }
    real.setWriteListener(listener);
  }
}
