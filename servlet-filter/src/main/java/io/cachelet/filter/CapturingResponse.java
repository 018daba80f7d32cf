package io.cachelet.filter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wraps the response of a cacheable request while the application produces it. Headers and status
 * are passed through to the real response at once (so a response that turns out too large can be
 * streamed) and recorded for the entry; the body is held by a {@link CaptureStream}. Mirrors the
 * container's rules: {@code getOutputStream} and {@code getWriter} exclude each other, the writer
 * uses the response's charset when it is obtained (and pins it), {@code flushBuffer} commits
 * nothing while capturing, {@code reset} and {@code resetBuffer} drop captured bytes, and lengths
 * are {@code long}. The tag header is recorded and never reaches the client. Not thread-safe, like
 * the response it wraps.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

  /** Called once, just before the first byte of a body past the limit reaches the client. */
  interface BeforeSend {
    void run(CapturingResponse response);
  }

  private enum Output {
    NONE,
    STREAM,
    WRITER
  }

  private final String tagHeader;
  private final BeforeSend beforeSend;
  private final CaptureStream stream;
  private final Headers headers = new Headers();
  private final List<String> tags = new ArrayList<>();
  private Output output = Output.NONE;
  private PrintWriter writer;
  private EncodingWriter encoder;
  private int status = SC_OK;
  private boolean sentError;
  private boolean sent;
  private long contentLength = -1;

  CapturingResponse(
      HttpServletResponse response, long limit, String tagHeader, BeforeSend beforeSend) {
    super(response);
    this.tagHeader = tagHeader;
    this.beforeSend = beforeSend;
    this.stream = new CaptureStream(limit, this::openReal);
  }

  private ServletOutputStream openReal(boolean overflow) throws IOException {
    if (!sent) {
      sent = true;
      if (overflow) {
        beforeSend.run(this);
      }
      if (contentLength >= 0) {
        super.setContentLengthLong(contentLength);
      }
    }
    return super.getOutputStream();
  }

  // ---- what the filter reads afterwards

  int capturedStatus() {
    return status;
  }

  boolean sentError() {
    return sentError;
  }

  boolean overflowed() {
    return stream.overflowed();
  }

  /** Whether bytes already went to the client (overflow, async tee, or an error page). */
  boolean passing() {
    return stream.passing() || sentError;
  }

  List<String> tags() {
    return List.copyOf(tags);
  }

  /** The recorded headers plus the final {@code Content-Type}, charset included. */
  Headers finalHeaders() {
    Headers out = headers.copy();
    String type = getContentType();
    if (type != null) {
      out.set("Content-Type", type);
    }
    out.remove("Content-Length");
    return out;
  }

  /** The captured body after the writer was drained, or null when it overflowed. */
  byte[] body() {
    if (writer != null) {
      writer.flush();
    }
    return stream.captured();
  }

  /** Switches to sending as it goes, keeping a copy: for async requests. */
  void tee() throws IOException {
    stream.tee();
  }

  // ---- status

  @Override
  public void setStatus(int sc) {
    status = sc;
    super.setStatus(sc);
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    markError(sc);
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    markError(sc);
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    markError(SC_FOUND);
    super.sendRedirect(location);
  }

  private void markError(int sc) {
    status = sc;
    sentError = true;
    sent = true;
    stream.clear();
  }

  // ---- headers

  @Override
  public void setHeader(String name, String value) {
    if (intercept(name, value, true)) {
      return;
    }
    headers.remove(name);
    if (value != null) {
      headers.add(name, value);
    }
    super.setHeader(name, value);
  }

  @Override
  public void addHeader(String name, String value) {
    if (intercept(name, value, false)) {
      return;
    }
    if (value != null) {
      headers.add(name, value);
    }
    super.addHeader(name, value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, HttpDates.format(date));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, HttpDates.format(date));
  }

  @Override
  public void addCookie(Cookie cookie) {
    headers.add("Set-Cookie", cookie.getName());
    super.addCookie(cookie);
  }

  /** Handles the headers that are not simply passed through; true when handled. */
  private boolean intercept(String name, String value, boolean replace) {
    if (name == null) {
      return true;
    }
    if (name.equalsIgnoreCase(tagHeader)) {
      if (replace) {
        tags.clear();
      }
      if (value != null) {
        for (String tag : value.split("[,\\s]+")) {
          if (!tag.isBlank()) {
            tags.add(tag.trim());
          }
        }
      }
      return true;
    }
    if (name.equalsIgnoreCase("Content-Length")) {
      if (value == null) {
        contentLength = -1;
      } else {
        try {
          setContentLengthLong(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
          contentLength = -1;
        }
      }
      return true;
    }
    if (name.equalsIgnoreCase("Content-Type")) {
      setContentType(value);
      return true;
    }
    return false;
  }

  @Override
  public void setContentLength(int len) {
    setContentLengthLong(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    contentLength = len;
    if (sent) {
      super.setContentLengthLong(len);
    }
  }

  // ---- charset and content type: frozen once the writer exists, like the container's

  @Override
  public void setContentType(String type) {
    super.setContentType(type);
    pinCharset();
  }

  @Override
  public void setCharacterEncoding(String charset) {
    if (writer == null) {
      super.setCharacterEncoding(charset);
    }
  }

  @Override
  public void setLocale(Locale locale) {
    super.setLocale(locale);
    pinCharset();
  }

  private void pinCharset() {
    if (encoder != null) {
      super.setCharacterEncoding(encoder.charset().name());
    }
  }

  // ---- body

  @Override
  public ServletOutputStream getOutputStream() {
    if (output == Output.WRITER) {
      throw new IllegalStateException("getWriter() has already been called on this response");
    }
    output = Output.STREAM;
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (output == Output.STREAM) {
      throw new IllegalStateException("getOutputStream() has already been called on this response");
    }
    if (writer == null) {
      String name = getCharacterEncoding();
      Charset charset = name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(name);
      // pin the charset into Content-Type now, as the container does on its own getWriter()
      super.setCharacterEncoding(charset.name());
      encoder = new EncodingWriter(stream, charset);
      writer = new PrintWriter(encoder, false);
      output = Output.WRITER;
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    if (stream.passing()) {
      super.flushBuffer();
    }
  }

  @Override
  public void resetBuffer() {
    if (stream.passing()) {
      super.resetBuffer();
      return;
    }
    if (encoder != null) {
      encoder.discardPending();
    }
    stream.clear();
    super.resetBuffer();
  }

  @Override
  public void reset() {
    if (stream.passing()) {
      super.reset();
      return;
    }
    super.reset();
    stream.clear();
    headers.clear();
    tags.clear();
    status = SC_OK;
    contentLength = -1;
    output = Output.NONE;
    writer = null;
    encoder = null;
  }
}
