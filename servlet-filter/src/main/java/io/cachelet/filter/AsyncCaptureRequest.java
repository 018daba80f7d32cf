package io.cachelet.filter;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * The request the application sees while its response is captured. An async request's body is
 * written after the filter returned, so {@code startAsync()} hands out the capturing response
 * (never the bare one, whose bytes the cache would not see), switches it to send-as-it-goes, and
 * the response is stored on {@code onComplete}; a timeout or an error discards it.
 */
final class AsyncCaptureRequest extends HttpServletRequestWrapper {

  /** Called when the application completes the async request without error or timeout. */
  interface Completion {
    void completed() throws IOException;
  }

  private final CapturingResponse capture;
  private final Runnable started;
  private final Completion completion;
  private boolean async;

  AsyncCaptureRequest(
      HttpServletRequest request,
      CapturingResponse capture,
      Runnable started,
      Completion completion) {
    super(request);
    this.capture = capture;
    this.started = started;
    this.completion = completion;
  }

  /** Whether the application went async, so the response is finished by the listener. */
  boolean isAsyncCapture() {
    return async;
  }

  @Override
  public AsyncContext startAsync() {
    return startAsync(this, capture);
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    AsyncContext context = super.startAsync(request, response);
    if (!async) {
      async = true;
      started.run();
      try {
        capture.tee();
      } catch (IOException e) {
        throw new IllegalStateException("Can't open the response output stream", e);
      }
      context.addListener(new Listener());
    }
    return context;
  }

  private final class Listener implements AsyncListener {
    private volatile boolean failed;

    @Override
    public void onComplete(AsyncEvent event) throws IOException {
      if (!failed) {
        completion.completed();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      failed = true;
    }

    @Override
    public void onError(AsyncEvent event) {
      failed = true;
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // a new startAsync() (after a dispatch) drops the listeners unless they add themselves again
      event.getAsyncContext().addListener(this);
    }
  }
}
