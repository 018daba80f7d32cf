package io.cachelet.cdi;

import io.cachelet.annotation.CacheEvict;
import io.cachelet.method.MethodCache;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link CacheEvict} (and any other cache annotation of the method) through the engine. */
@CacheEvict
@Interceptor
@Priority(CacheableInterceptor.PRIORITY + 2)
public class CacheEvictInterceptor extends CacheInterceptorSupport {

  @Inject
  public CacheEvictInterceptor(MethodCache engine) {
    super(engine, CacheEvict.class);
  }

  @AroundInvoke
  public Object around(InvocationContext context) throws Exception {
    return intercept(context);
  }
}
