/**
 * CDI integration of the method-caching annotations: one interceptor per annotation over the
 * engine, a producer of the {@link io.cachelet.Cachelet} entry point and the engine, and an
 * extension that validates every annotated method at deployment.
 */
package io.cachelet.cdi;
