package io.cachelet.filter;

/** Origin-driven freshness on Jetty 12 with the in-process store. */
class Rfc9111JettyTest extends Rfc9111FilterContract {}
