package io.cachelet.filter;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes on only the bytes of one {@link ByteRange} of what is written to it, so that a range is
 * cut from the body by the same code that writes the whole one, inflating or not. Never closes the
 * stream it writes to. Not thread-safe.
 */
final class RangeWindow extends OutputStream {

  private final OutputStream out;
  private final long first;
  private final long end;
  private long position;

  RangeWindow(OutputStream out, ByteRange range) {
    this.out = out;
    this.first = range.first();
    this.end = range.last() + 1;
  }

  @Override
  public void write(int b) throws IOException {
    if (position >= first && position < end) {
      out.write(b);
    }
    position++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    long from = Math.max(position, first);
    long to = Math.min(position + length, end);
    if (from < to) {
      out.write(bytes, offset + (int) (from - position), (int) (to - from));
    }
    position += length;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}
