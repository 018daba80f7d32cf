/**
 * The method-cache engine: {@link io.cachelet.method.MethodCache} reads the annotations of {@link
 * io.cachelet.annotation} once per method into immutable operations and runs them around an {@link
 * io.cachelet.method.Invoker}. The CDI interceptor and the AspectJ aspect are thin adapters over
 * it.
 */
package io.cachelet.method;
