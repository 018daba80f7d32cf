package io.cachelet.cdi;

import io.cachelet.annotation.CachePut;
import io.cachelet.method.MethodCache;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link CachePut} (and any other cache annotation of the method) through the engine. */
@CachePut
@Interceptor
@Priority(CacheableInterceptor.PRIORITY + 1)
public class CachePutInterceptor extends CacheInterceptorSupport {

  @Inject
  public CachePutInterceptor(MethodCache engine) {
    super(engine, CachePut.class);
  }

  @AroundInvoke
  public Object around(InvocationContext context) throws Exception {
    return intercept(context);
  }
}
