/**
 * The method-caching annotations woven by AspectJ through the same engine as the CDI interceptor:
 * {@link io.cachelet.aspectj.CacheletAspect}.
 */
package io.cachelet.aspectj;
