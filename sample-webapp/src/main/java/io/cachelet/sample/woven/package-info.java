/**
 * The sample's plain classes that use the method-caching annotations through compile-time AspectJ
 * weaving. Only this package is woven, so CDI beans are never cached twice.
 */
package io.cachelet.sample.woven;
