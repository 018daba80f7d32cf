package io.cachelet.cdi;

import io.cachelet.annotation.Cacheable;
import io.cachelet.method.MethodCache;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link Cacheable} (and any other cache annotation of the method) through the engine. */
@Cacheable
@Interceptor
@Priority(CacheableInterceptor.PRIORITY + 0)
public class CacheableInterceptor extends CacheInterceptorSupport {

  /**
   * Early among library interceptors, so that a hit skips the interceptors after it (transactions,
   * for one).
   */
  public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 500;

  @Inject
  public CacheableInterceptor(MethodCache engine) {
    super(engine, Cacheable.class);
  }

  @AroundInvoke
  public Object around(InvocationContext context) throws Exception {
    return intercept(context);
  }
}
