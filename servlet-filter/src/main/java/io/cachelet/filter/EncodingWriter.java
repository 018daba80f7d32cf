package io.cachelet.filter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * A writer that encodes every call straight into its stream, holding back at most a dangling high
 * surrogate. Unlike {@link java.io.OutputStreamWriter} it buffers nothing, so an application that
 * never flushes its writer (common with async requests) loses no bytes.
 */
final class EncodingWriter extends Writer {

  private final OutputStream out;
  private final Charset charset;
  private char pendingHigh;

  EncodingWriter(OutputStream out, Charset charset) {
    this.out = out;
    this.charset = charset;
  }

  Charset charset() {
    return charset;
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    StringBuilder text = new StringBuilder(len + 1);
    if (pendingHigh != 0) {
      text.append(pendingHigh);
      pendingHigh = 0;
    }
    text.append(chars, off, len);
    char last = text.charAt(text.length() - 1);
    if (Character.isHighSurrogate(last)) {
      pendingHigh = last;
      text.setLength(text.length() - 1);
    }
    out.write(text.toString().getBytes(charset));
  }

  @Override
  public void write(String text, int off, int len) throws IOException {
    write(text.toCharArray(), off, len);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (pendingHigh != 0) {
      out.write(String.valueOf(pendingHigh).getBytes(charset));
      pendingHigh = 0;
    }
    out.close();
  }

  /** Forgets a held-back surrogate, for {@code resetBuffer}. */
  void discardPending() {
    pendingHigh = 0;
  }
}
