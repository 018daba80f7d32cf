/**
 * The Cachelet sample: a small product catalogue on embedded Jetty 12 (ee10) with CDI through Weld
 * SE, an H2 database with an artificial latency, and every way into Cachelet wired up. {@link
 * io.cachelet.sample.Main} starts it; {@link io.cachelet.sample.SampleApp} is the same thing for
 * tests, in process.
 *
 * <p>Weld SE, not Weld Servlet: the application starts the CDI container itself and hands the beans
 * it built to Jetty as servlet instances. That keeps start-up order explicit (store, database,
 * container, server) and needs no container integration that Jetty 12 would have to support.
 */
package io.cachelet.sample;
