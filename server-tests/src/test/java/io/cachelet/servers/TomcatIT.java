package io.cachelet.servers;

/**
 * Standalone Tomcat 10.1 running the sample WAR with Weld Servlet 5 (CDI 4) in its {@code
 * WEB-INF/lib}.
 */
class TomcatIT extends StandaloneTomcat {

  TomcatIT() {
    super("Tomcat", "cachelet.tomcat.version", "tomcat");
  }
}
